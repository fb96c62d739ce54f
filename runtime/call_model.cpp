#include "runtime/call_model.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::runtime {

namespace {

// Each enum's spellings, indexed by the enumerator's value (as runtime/csta/messages.hpp does).
constexpr std::array<std::string_view, 6> kConnectionStateNames{
    "null", "initiated", "alerting", "connected", "hold", "fail"};
constexpr std::array<std::string_view, 15> kCallEventTypeNames{
    "ServiceInitiated", "DigitDialed",       "Originated",    "Delivered",
    "Established",      "ConnectionCleared", "Held",          "Retrieved",
    "Diverted",         "Transferred",       "Failed",        "DigitsGenerated",
    "DoNotDisturb",     "Forwarding",        "MessageWaiting"};
constexpr std::array<std::string_view, 14> kEventCauseNames{"",
                                                            "newCall",
                                                            "makeCall",
                                                            "normalClearing",
                                                            "normal",
                                                            "consultation",
                                                            "alternate",
                                                            "redirected",
                                                            "callForwardImmediate",
                                                            "transfer",
                                                            "singleStepTransfer",
                                                            "busy",
                                                            "destNotObtainable",
                                                            "doNotDisturb"};
constexpr std::array<std::string_view, 12> kCallErrorNames{"none",
                                                           "unknown line",
                                                           "unknown connection",
                                                           "invalid connection state",
                                                           "no call to answer",
                                                           "no held call",
                                                           "no active call",
                                                           "device busy",
                                                           "out of service",
                                                           "invalid destination",
                                                           "invalid digits",
                                                           "operation called from an observer"};
static_assert(kConnectionStateNames.size() == static_cast<std::size_t>(ConnectionState::kFail) + 1);
static_assert(kCallEventTypeNames.size() ==
              static_cast<std::size_t>(CallEventType::kMessageWaiting) + 1);
static_assert(kEventCauseNames.size() == static_cast<std::size_t>(EventCause::kDoNotDisturb) + 1);
static_assert(kCallErrorNames.size() == static_cast<std::size_t>(CallError::kBusyElsewhere) + 1);

template <class E, std::size_t N>
std::string_view name_of(E value, const std::array<std::string_view, N>& names,
                         std::string_view unknown = {}) {
  auto index = static_cast<std::size_t>(value);
  return index < N ? names[index] : unknown;
}

}  // namespace

std::string_view to_string(ConnectionState state) {
  return name_of(state, kConnectionStateNames, "null");
}

std::string_view to_string(CallEventType type) {
  return name_of(type, kCallEventTypeNames);
}

std::string_view to_string(EventCause cause) {
  return name_of(cause, kEventCauseNames);
}

std::string_view to_string(CallError error) {
  return name_of(error, kCallErrorNames);
}

namespace {

/// The value `key` names in `map`; nullptr when none.
template <class Map, class Key>
auto* find_in(Map& map, const Key& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

bool dial_character(char ch) {
  return (ch >= '0' && ch <= '9') || ch == '*' || ch == '#';
}

}  // namespace

// Operations are refused while observers run: an observer reacting to one event must not start
// the next change before every other observer has seen the first.
#define CMEMU_OPERATION_GUARD() \
  if (dispatching_) return CallError::kBusyElsewhere

// ---------------------------------------------------------------------------------------------
// Configuration

void CallModel::apply(const Config& old_config, const Config& new_config) {
  std::map<int, Line> next;
  for (const auto& [tag, dn] : new_config.ephone_dns) {
    if (dn.number.empty()) continue;
    Line line;
    auto old = lines_.find(tag);
    if (old != lines_.end()) line = old->second;  // keeps calls, endpoints, DND, MWI
    line.tag = tag;
    line.number = dn.number;
    line.name = dn.name;
    line.label = dn.label;
    line.description = dn.description;
    line.dual_line = dn.dual_line;
    line.cti_notify = dn.cti_notify;
    if (!line.cti_notify && dn.dn_template) {
      auto it = new_config.ephone_dn_templates.find(*dn.dn_template);
      line.cti_notify = it != new_config.ephone_dn_templates.end() && it->second.cti_notify;
    }
    next[tag] = std::move(line);
  }
  // Removed DNs (or DNs that lost their number) drop their calls first.
  std::vector<ConnectionId> dropping;
  for (const auto& [tag, line] : lines_)
    if (!next.count(tag))
      dropping.insert(dropping.end(), line.connections.begin(), line.connections.end());
  for (ConnectionId id : dropping)
    if (connections_.count(id)) clear(id);
  for (auto& [tag, line] : next)
    if (lines_.count(tag)) line.connections = lines_[tag].connections;
  lines_ = std::move(next);
  line_by_number_.clear();
  for (const auto& [tag, line] : lines_) line_by_number_.emplace(line.number, tag);

  // `call-forward all` in the config becomes the CFwdAll state when it changes there.
  for (const auto& [tag, dn] : new_config.ephone_dns) {
    if (!lines_.count(tag)) continue;
    auto before = old_config.ephone_dns.find(tag);
    std::string old_target =
        before == old_config.ephone_dns.end() ? std::string() : before->second.call_forward_all;
    if (dn.call_forward_all != old_target) set_forward_all(tag, dn.call_forward_all);
  }
}

void CallModel::add_observer(CallObserver& observer) {
  observers_.push_back(&observer);
}

void CallModel::remove_observer(CallObserver& observer) {
  std::erase(observers_, &observer);
}

void CallModel::attach(int line_tag) {
  if (Line* line = mutable_line(line_tag)) ++line->endpoints;
}

void CallModel::detach(int line_tag) {
  Line* line = mutable_line(line_tag);
  if (!line || line->endpoints == 0) return;
  --line->endpoints;
}

// ---------------------------------------------------------------------------------------------
// Queries

const Line* CallModel::line(int tag) const {
  return find_in(lines_, tag);
}

Line* CallModel::mutable_line(int tag) {
  return find_in(lines_, tag);
}

const Line* CallModel::line_by_number(std::string_view number) const {
  auto it = line_by_number_.find(number);
  return it == line_by_number_.end() ? nullptr : line(it->second);
}

const Connection* CallModel::connection(ConnectionId id) const {
  return find_in(connections_, id);
}

Connection* CallModel::mutable_connection(ConnectionId id) {
  return find_in(connections_, id);
}

const Call* CallModel::call(CallId id) const {
  return find_in(calls_, id);
}

const Connection* CallModel::peer(ConnectionId id) const {
  const Connection* self = connection(id);
  if (!self) return nullptr;
  const Call* owner = call(self->call);
  if (!owner) return nullptr;
  for (ConnectionId party : owner->parties)
    if (party != id) return connection(party);
  return nullptr;
}

bool CallModel::number_prefix(std::string_view digits) const {
  auto it = line_by_number_.lower_bound(digits);
  for (; it != line_by_number_.end() && it->first.starts_with(digits); ++it)
    if (it->first.size() > digits.size()) return true;
  return false;
}

bool CallModel::line_busy(const Line& line) const {
  return line.connections.size() >= line.channels();
}

bool CallModel::dialable(std::string_view number) const {
  return line_by_number(number) != nullptr;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

Call& CallModel::new_call() {
  CallId id = next_call_id_++;
  Call& created = calls_[id];
  created.id = id;
  return created;
}

Connection& CallModel::new_connection(Call& owner, int line_tag, ConnectionState state) {
  ConnectionId id = next_connection_id_++;
  Connection& created = connections_[id];
  created.id = id;
  created.call = owner.id;
  created.line = line_tag;
  created.state = state;
  created.last_digit_at = Clock::instance().steady_now();
  owner.parties.push_back(id);
  if (Line* line = mutable_line(line_tag)) line->connections.push_back(id);
  return created;
}

void CallModel::emit(CallEvent event) {
  dispatching_ = true;
  std::vector<CallObserver*> observers = observers_;
  for (CallObserver* observer : observers) observer->on_call_event(event);
  dispatching_ = false;
}

void CallModel::emit_connection(CallEventType type, const Connection& subject, EventCause cause,
                                std::string digits) {
  emit({.type = type,
        .call = subject.call,
        .connection = subject.id,
        .line = subject.line,
        .state = subject.state,
        .cause = cause,
        .digits = std::move(digits)});
}

void CallModel::emit_line(CallEventType type, int line_tag, bool on, std::string number) {
  emit({.type = type, .line = line_tag, .on = on, .number = std::move(number)});
}

void CallModel::divert(Call& owner, ConnectionId alerting, const Line& from, const Line& to,
                       EventCause cause) {
  emit({.type = CallEventType::kDiverted,
        .call = owner.id,
        .connection = alerting,
        .line = from.tag,
        .state = ConnectionState::kNull,
        .cause = cause,
        .number = to.number});
  if (owner.original_called_number.empty()) {
    owner.original_called_number = from.number;
    owner.original_called_name = from.name;
  }
  owner.redirecting_number = from.number;
  owner.called_number = to.number;
  owner.called_name = to.name;
}

void CallModel::drop(ConnectionId id, EventCause cause) {
  Connection* gone = mutable_connection(id);
  if (!gone) return;
  gone->state = ConnectionState::kNull;
  emit_connection(CallEventType::kConnectionCleared, *gone, cause);
  // Observers ran; now forget it.
  gone = mutable_connection(id);
  if (!gone) return;
  if (Line* line = mutable_line(gone->line)) std::erase(line->connections, id);
  auto owner = calls_.find(gone->call);
  if (owner != calls_.end()) {
    std::erase(owner->second.parties, id);
    if (owner->second.parties.empty()) calls_.erase(owner);
  }
  connections_.erase(id);
}

void CallModel::fail(Connection& calling, EventCause cause) {
  calling.state = ConnectionState::kFail;
  emit_connection(CallEventType::kFailed, calling, cause);
}

void CallModel::route(Connection& calling, const std::string& number) {
  const Line* target = line_by_number(number);
  Call& owner = calls_[calling.call];
  owner.called_number = number;
  if (!target) {
    fail(calling, EventCause::kDestNotObtainable);
    return;
  }
  owner.called_name = target->name;
  calling.state = ConnectionState::kConnected;
  emit_connection(CallEventType::kOriginated, calling, EventCause::kNewCall);
  deliver(owner, calling, target->tag, EventCause::kNewCall, 0);
}

void CallModel::deliver(Call& owner, Connection& calling, int line_tag, EventCause cause,
                        int hops) {
  Line& target = lines_[line_tag];
  if (!target.forward_all.empty() && hops < limits_.max_forward_hops) {
    const Line* forward_to = line_by_number(target.forward_all);
    if (forward_to && forward_to->tag != calling.line && forward_to->tag != line_tag) {
      divert(owner, 0, target, *forward_to, EventCause::kCallForwardImmediate);
      deliver(owner, calling, forward_to->tag, EventCause::kCallForwardImmediate, hops + 1);
      return;
    }
  }
  if (!target.in_service()) {
    fail(calling, EventCause::kDestNotObtainable);
  } else if (target.dnd) {
    fail(calling, EventCause::kDoNotDisturb);
  } else if (line_busy(target)) {
    fail(calling, EventCause::kBusy);
  } else {
    Connection& called = new_connection(owner, line_tag, ConnectionState::kAlerting);
    emit_connection(CallEventType::kDelivered, called, cause);
  }
}

// ---------------------------------------------------------------------------------------------
// Operations

CallError CallModel::can_originate(const Line* line) const {
  if (!line) return CallError::kUnknownLine;
  if (!line->in_service()) return CallError::kOutOfService;
  // A line that already has a party other than held ones has no free channel to dial on.
  for (ConnectionId id : line->connections)
    if (connections_.at(id).state != ConnectionState::kHold) return CallError::kDeviceBusy;
  if (calls_.size() >= limits_.max_calls) return CallError::kDeviceBusy;
  return CallError::kNone;
}

CallError CallModel::can_dial(ConnectionId id, bool digits_valid) const {
  const Connection* calling = connection(id);
  if (!calling) return CallError::kUnknownConnection;
  if (calling->state != ConnectionState::kInitiated) return CallError::kInvalidConnectionState;
  if (!digits_valid) return CallError::kInvalidDigits;
  return CallError::kNone;
}

CallError CallModel::held_active_pair(ConnectionId held, ConnectionId active,
                                      bool active_connected) const {
  const Connection* on_hold = connection(held);
  const Connection* talking = connection(active);
  if (!on_hold || !talking) return CallError::kUnknownConnection;
  if (on_hold->state != ConnectionState::kHold) return CallError::kNoHeldCall;
  if ((active_connected && talking->state != ConnectionState::kConnected) ||
      talking->line != on_hold->line)
    return CallError::kNoActiveCall;
  return CallError::kNone;
}

Connection& CallModel::originate(const Line& line, ConnectionState state) {
  Call& owner = new_call();
  owner.calling_number = line.number;
  owner.calling_name = line.name;
  Connection& calling = new_connection(owner, line.tag, state);
  calling.originating = true;
  return calling;
}

bool CallModel::well_formed(std::string_view number) const {
  return !number.empty() && number.size() <= limits_.max_digits &&
         std::all_of(number.begin(), number.end(), dial_character);
}

CallError CallModel::off_hook(int line_tag, EventCause cause, ConnectionId* created) {
  CMEMU_OPERATION_GUARD();
  const Line* line = this->line(line_tag);
  if (CallError refused = can_originate(line); refused != CallError::kNone) return refused;
  if (line->connections.size() > line->channels()) return CallError::kDeviceBusy;
  Connection& calling = originate(*line, ConnectionState::kInitiated);
  if (created) *created = calling.id;
  emit_connection(CallEventType::kServiceInitiated, calling, cause);
  return CallError::kNone;
}

CallError CallModel::make_call(int line_tag, std::string_view number, bool prompt,
                               ConnectionId* created) {
  CMEMU_OPERATION_GUARD();
  // Only a number that cannot be dialled at all is refused; one that names no line is dialled
  // and fails (destNotObtainable, reorder), as the same digits from the keypad do.
  if (!well_formed(number)) return CallError::kInvalidDestination;
  if (!prompt) {
    ConnectionId calling = 0;
    CallError error = off_hook(line_tag, EventCause::kMakeCall, &calling);
    if (error != CallError::kNone) return error;
    if (created) *created = calling;
    return dial_number(calling, number);
  }
  const Line* line = this->line(line_tag);
  if (CallError refused = can_originate(line); refused != CallError::kNone) return refused;
  Connection& calling = originate(*line, ConnectionState::kAlerting);
  calls_[calling.call].called_number = std::string(number);
  calling.prompt_number = std::string(number);
  if (created) *created = calling.id;
  emit_connection(CallEventType::kDelivered, calling, EventCause::kMakeCall);
  return CallError::kNone;
}

CallError CallModel::dial(ConnectionId id, std::string_view digits) {
  CMEMU_OPERATION_GUARD();
  bool valid = std::all_of(digits.begin(), digits.end(), dial_character);
  if (CallError refused = can_dial(id, valid); refused != CallError::kNone) return refused;
  Connection* calling = mutable_connection(id);
  for (char digit : digits) {
    if (digit == '#') {
      route(*calling, calling->dialed);
      return CallError::kNone;
    }
    if (calling->dialed.size() >= limits_.max_digits) {
      fail(*calling, EventCause::kDestNotObtainable);
      return CallError::kNone;
    }
    calling->dialed += digit;
    calling->last_digit_at = Clock::instance().steady_now();
    emit_connection(CallEventType::kDigitDialed, *calling, EventCause::kNone, calling->dialed);
    calling = mutable_connection(id);
    bool more = number_prefix(calling->dialed);
    if (!more) {
      // Complete (it names a line) or hopeless (nothing starts with it): decide now.
      route(*calling, calling->dialed);
      return CallError::kNone;
    }
  }
  return CallError::kNone;
}

CallError CallModel::dial_number(ConnectionId id, std::string_view number) {
  CMEMU_OPERATION_GUARD();
  if (CallError refused = can_dial(id, well_formed(number)); refused != CallError::kNone)
    return refused;
  Connection* calling = mutable_connection(id);
  calling->dialed = std::string(number);
  emit_connection(CallEventType::kDigitDialed, *calling, EventCause::kNone, calling->dialed);
  route(*mutable_connection(id), std::string(number));
  return CallError::kNone;
}

CallError CallModel::answer(ConnectionId id) {
  CMEMU_OPERATION_GUARD();
  Connection* called = mutable_connection(id);
  if (!called) return CallError::kUnknownConnection;
  if (called->state != ConnectionState::kAlerting) return CallError::kNoCallToAnswer;
  if (!called->prompt_number.empty()) {
    // A prompted MakeCall: the calling party took it; now it goes off-hook and dials.
    std::string number = std::exchange(called->prompt_number, {});
    called->state = ConnectionState::kInitiated;
    emit_connection(CallEventType::kServiceInitiated, *called, EventCause::kMakeCall);
    return dial_number(id, number);
  }
  called->state = ConnectionState::kConnected;
  emit_connection(CallEventType::kEstablished, *called, EventCause::kNewCall);
  return CallError::kNone;
}

CallError CallModel::clear(ConnectionId id, EventCause cause) {
  CMEMU_OPERATION_GUARD();
  const Connection* party = connection(id);
  if (!party) return CallError::kUnknownConnection;
  std::vector<ConnectionId> parties{id};
  for (ConnectionId other : calls_[party->call].parties)
    if (other != id) parties.push_back(other);
  for (ConnectionId gone : parties) drop(gone, cause);
  return CallError::kNone;
}

CallError CallModel::hold(ConnectionId id, EventCause cause) {
  CMEMU_OPERATION_GUARD();
  Connection* holder = mutable_connection(id);
  if (!holder) return CallError::kUnknownConnection;
  const Connection* other = peer(id);
  if (holder->state != ConnectionState::kConnected || !other ||
      other->state != ConnectionState::kConnected)
    return CallError::kInvalidConnectionState;
  holder->state = ConnectionState::kHold;
  emit_connection(CallEventType::kHeld, *holder, cause);
  return CallError::kNone;
}

CallError CallModel::retrieve(ConnectionId id, EventCause cause) {
  CMEMU_OPERATION_GUARD();
  Connection* holder = mutable_connection(id);
  if (!holder) return CallError::kUnknownConnection;
  if (holder->state != ConnectionState::kHold) return CallError::kNoHeldCall;
  for (ConnectionId other : lines_[holder->line].connections)
    if (other != id && connections_[other].state != ConnectionState::kHold)
      return CallError::kInvalidConnectionState;  // another call is active on the line
  holder->state = ConnectionState::kConnected;
  emit_connection(CallEventType::kRetrieved, *holder, cause);
  return CallError::kNone;
}

CallError CallModel::consult(ConnectionId existing, std::string_view number,
                             ConnectionId* created) {
  CMEMU_OPERATION_GUARD();
  Connection* first = mutable_connection(existing);
  if (!first) return CallError::kUnknownConnection;
  if (!number.empty() && !dialable(number)) return CallError::kInvalidDestination;
  if (first->state == ConnectionState::kConnected) {
    CallError held = hold(existing, EventCause::kConsultation);
    if (held != CallError::kNone) return held;
  } else if (first->state != ConnectionState::kHold) {
    return CallError::kInvalidConnectionState;
  }
  Connection& calling = originate(lines_[connection(existing)->line], ConnectionState::kInitiated);
  calling.consultation = true;
  calling.consulting = existing;
  ConnectionId id = calling.id;
  if (created) *created = id;
  emit_connection(CallEventType::kServiceInitiated, calling, EventCause::kConsultation);
  if (!number.empty()) return dial_number(id, number);
  return CallError::kNone;
}

CallError CallModel::transfer(ConnectionId held_id, ConnectionId active_id) {
  CMEMU_OPERATION_GUARD();
  if (CallError refused = held_active_pair(held_id, active_id, true); refused != CallError::kNone)
    return refused;
  Connection* held = mutable_connection(held_id);
  Connection* active = mutable_connection(active_id);
  const Connection* transferee = peer(held_id);
  const Connection* target = peer(active_id);
  if (!transferee || !target) return CallError::kNoActiveCall;
  ConnectionId transferee_id = transferee->id;
  CallId old_call = held->call;
  CallId survivor = active->call;
  int transferring_line = active->line;

  // The transferee takes the transferring party's place in the consultation call, whose callID
  // carries on (docs/csta.md §7).
  Call& joined = calls_[survivor];
  std::replace(joined.parties.begin(), joined.parties.end(), active_id, transferee_id);
  std::erase(calls_[old_call].parties, transferee_id);
  Connection& moved = connections_[transferee_id];
  moved.call = survivor;
  const Line& transferee_line = lines_[moved.line];
  if (joined.parties.front() == transferee_id) {
    joined.calling_number = transferee_line.number;
    joined.calling_name = transferee_line.name;
  } else {
    joined.original_called_number = joined.called_number;
    joined.called_number = transferee_line.number;
    joined.called_name = transferee_line.name;
  }

  emit({.type = CallEventType::kTransferred,
        .call = survivor,
        .connection = active_id,
        .line = moved.line,
        .state = moved.state,
        .cause = EventCause::kTransfer,
        .old_call = old_call,
        .transferring_line = transferring_line});

  // The transferring party's connections are no longer parties of the joined call: drop them.
  drop(active_id, EventCause::kTransfer);
  drop(held_id, EventCause::kTransfer);
  return CallError::kNone;
}

CallError CallModel::single_step_transfer(ConnectionId active_id, std::string_view number,
                                          ConnectionId* moved_id) {
  CMEMU_OPERATION_GUARD();
  Connection* active = mutable_connection(active_id);
  if (!active) return CallError::kUnknownConnection;
  if (active->state != ConnectionState::kConnected) return CallError::kNoActiveCall;
  const Line* target = line_by_number(number);
  if (!target) return CallError::kInvalidDestination;
  const Connection* transferee = peer(active_id);
  if (!transferee || transferee->state != ConnectionState::kConnected)
    return CallError::kNoActiveCall;
  ConnectionId transferee_id = transferee->id;
  if (moved_id) *moved_id = transferee_id;
  int target_tag = target->tag;
  Call& owner = calls_[active->call];
  int transferring_line = active->line;

  // The target is no party yet (it is delivered below), so the event names it.
  emit({.type = CallEventType::kTransferred,
        .call = owner.id,
        .connection = active_id,
        .line = connections_[transferee_id].line,
        .state = connections_[transferee_id].state,
        .cause = EventCause::kSingleStepTransfer,
        .number = lines_[target_tag].number,
        .old_call = owner.id,
        .transferring_line = transferring_line});

  // The transferring party leaves the call; the transferee now calls the target.
  std::erase(owner.parties, active_id);
  drop(active_id, EventCause::kSingleStepTransfer);

  Call& continuing = calls_[connections_[transferee_id].call];
  Connection& calling = connections_[transferee_id];
  const Line& transferee_line = lines_[calling.line];
  continuing.calling_number = transferee_line.number;
  continuing.calling_name = transferee_line.name;
  continuing.redirecting_number = lines_[transferring_line].number;
  continuing.called_number = lines_[target_tag].number;
  continuing.called_name = lines_[target_tag].name;
  std::erase(continuing.parties, transferee_id);
  continuing.parties.insert(continuing.parties.begin(), transferee_id);
  calling.originating = true;
  deliver(continuing, calling, target_tag, EventCause::kSingleStepTransfer, 0);
  return CallError::kNone;
}

CallError CallModel::deflect(ConnectionId id, std::string_view number) {
  CMEMU_OPERATION_GUARD();
  Connection* alerting = mutable_connection(id);
  if (!alerting) return CallError::kUnknownConnection;
  if (alerting->state != ConnectionState::kAlerting) return CallError::kInvalidConnectionState;
  const Line* target = line_by_number(number);
  if (!target || target->tag == alerting->line) return CallError::kInvalidDestination;
  int target_tag = target->tag;
  Call& owner = calls_[alerting->call];
  divert(owner, id, lines_[alerting->line], *target, EventCause::kRedirected);
  // The diverting party leaves without a ConnectionCleared: Diverted said it.
  std::erase(lines_[alerting->line].connections, id);
  std::erase(owner.parties, id);
  connections_.erase(id);
  Connection* calling = owner.parties.empty() ? nullptr : mutable_connection(owner.parties[0]);
  if (calling) deliver(owner, *calling, target_tag, EventCause::kRedirected, 0);
  return CallError::kNone;
}

CallError CallModel::alternate(ConnectionId held, ConnectionId active) {
  CMEMU_OPERATION_GUARD();
  if (CallError refused = held_active_pair(held, active, true); refused != CallError::kNone)
    return refused;
  CallError error = hold(active, EventCause::kAlternate);
  if (error != CallError::kNone) return error;
  return retrieve(held, EventCause::kAlternate);
}

CallError CallModel::reconnect(ConnectionId active, ConnectionId held) {
  CMEMU_OPERATION_GUARD();
  if (CallError refused = held_active_pair(held, active, false); refused != CallError::kNone)
    return refused;
  clear(active);
  return retrieve(held);
}

CallError CallModel::generate_digits(ConnectionId id, std::string_view digits) {
  CMEMU_OPERATION_GUARD();
  const Connection* sender = connection(id);
  if (!sender) return CallError::kUnknownConnection;
  if (sender->state != ConnectionState::kConnected) return CallError::kNoActiveCall;
  if (digits.empty() || digits.size() > 32) return CallError::kInvalidDigits;
  for (char ch : digits)
    if (!dial_character(ch) && (ch < 'A' || ch > 'D')) return CallError::kInvalidDigits;
  emit_connection(CallEventType::kDigitsGenerated, *sender, EventCause::kNone, std::string(digits));
  return CallError::kNone;
}

CallError CallModel::set_do_not_disturb(int line_tag, bool on) {
  return set_line_flag(line_tag, &Line::dnd, on, CallEventType::kDoNotDisturb);
}

CallError CallModel::set_forward_all(int line_tag, std::string_view number) {
  CMEMU_OPERATION_GUARD();
  Line* line = mutable_line(line_tag);
  if (!line) return CallError::kUnknownLine;
  if (!number.empty() && (!dialable(number) || number == line->number))
    return CallError::kInvalidDestination;
  line->forward_all = std::string(number);
  emit_line(CallEventType::kForwarding, line_tag, !number.empty(), std::string(number));
  return CallError::kNone;
}

CallError CallModel::set_message_waiting(int line_tag, bool on) {
  return set_line_flag(line_tag, &Line::message_waiting, on, CallEventType::kMessageWaiting);
}

CallError CallModel::set_line_flag(int line_tag, bool Line::*flag, bool on, CallEventType type) {
  CMEMU_OPERATION_GUARD();
  Line* line = mutable_line(line_tag);
  if (!line) return CallError::kUnknownLine;
  line->*flag = on;
  emit_line(type, line_tag, on);
  return CallError::kNone;
}

void CallModel::tick(std::chrono::steady_clock::time_point now) {
  if (dispatching_) return;
  std::vector<ConnectionId> due;
  for (const auto& [id, party] : connections_)
    if (party.state == ConnectionState::kInitiated &&
        now - party.last_digit_at >= limits_.interdigit_timeout)
      due.push_back(id);
  for (ConnectionId id : due) {
    Connection* calling = mutable_connection(id);
    if (!calling || calling->state != ConnectionState::kInitiated) continue;
    if (calling->dialed.empty())
      fail(*calling, EventCause::kDestNotObtainable);
    else
      route(*calling, calling->dialed);
  }
}

}  // namespace cmemu::runtime
