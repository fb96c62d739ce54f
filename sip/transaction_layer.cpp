#include "sip/transaction_layer.hpp"

#include <array>
#include <cstddef>

namespace cmemu::sip {

std::string_view to_string(TransactionError error) {
  // Indexed by the enumerator, in TransactionError's order.
  static constexpr std::array<std::string_view, 4> kNames{
      "none", "transaction table full", "no Via branch or CSeq", "transaction exists"};
  const auto index = static_cast<std::size_t>(error);
  return index < kNames.size() ? kNames[index] : std::string_view{};
}

std::string server_transaction_key(const Message& request) {
  const auto& via = request.top_via();
  const auto& cseq = request.cseq();
  if (!via || via->branch.empty() || !cseq) return {};
  std::string_view method = request.method == "ACK" ? "INVITE" : request.method;
  std::string key;
  key.reserve(via->branch.size() + method.size() + via->host.size() + 20);
  key.append(via->branch).append("|").append(method).append("|").append(via->host);
  key.append(":").append(std::to_string(via->port.value_or(5060)));
  key.append("|").append(std::to_string(cseq->number));
  return key;
}

std::string ack_match_key(const Message& message) {
  const auto& from = message.from();
  const auto& cseq = message.cseq();
  if (!from || !cseq) return {};
  return std::string(message.call_id()) + "|" + std::string(from->tag()) + "|" +
         std::to_string(cseq->number);
}

std::string client_transaction_key(std::string_view branch, std::string_view method) {
  std::string key;
  key.reserve(branch.size() + method.size() + 1);
  key.append(branch).append("|").append(method);
  return key;
}

namespace transaction_detail {

ServerMachine server_machine(std::string_view method, bool reliable,
                             const TransactionTimers& timers) {
  if (method == "INVITE") return InviteServerTransaction(reliable, timers);
  return NonInviteServerTransaction(reliable, timers);
}

ClientMachine client_machine(std::string_view method, bool reliable, std::string request,
                             const TransactionTimers& timers) {
  if (method == "INVITE") return InviteClientTransaction(reliable, std::move(request), timers);
  return NonInviteClientTransaction(reliable, std::move(request), timers);
}

TransactionActions respond(ServerMachine& machine, TransactionTime now, int status,
                           std::string response) {
  return std::visit([&](auto& one) { return one.respond(now, status, std::move(response)); },
                    machine);
}

TransactionActions on_ack(ServerMachine& machine, TransactionTime now) {
  auto* invite = std::get_if<InviteServerTransaction>(&machine);
  return invite ? invite->on_ack(now) : TransactionActions{};
}

bool awaiting_ack(const ServerMachine& machine) {
  const auto* invite = std::get_if<InviteServerTransaction>(&machine);
  return invite && invite->state() == InviteServerTransaction::State::kAccepted;
}

TransactionActions on_response(ClientMachine& machine, TransactionTime now,
                               const Message& response) {
  if (auto* invite = std::get_if<InviteClientTransaction>(&machine))
    return invite->on_response(now, response);
  return std::get<NonInviteClientTransaction>(machine).on_response(now, response.status_code);
}

bool answered(const ClientMachine& machine) {
  const auto* other = std::get_if<NonInviteClientTransaction>(&machine);
  return other && other->state() == NonInviteClientTransaction::State::kCompleted;
}

std::string response_key(const Message& response) {
  const auto& via = response.top_via();
  const auto& cseq = response.cseq();
  if (!via || via->branch.empty() || !cseq) return {};
  return client_transaction_key(via->branch, cseq->method);
}

}  // namespace transaction_detail
}  // namespace cmemu::sip
