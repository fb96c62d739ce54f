#include "cli/shell.hpp"

#include "cli/app.hpp"
#include "cli/login.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/credentials.hpp"

namespace cmemu::cli {

namespace {
constexpr int kMaxLoginTries = 3;
constexpr std::size_t kHistorySize = 10;  // IOS `history size` default
}  // namespace

namespace {
struct PasswordState {
  int tries = 0;
  std::string retry_text, failure_text;
  std::function<bool(std::string_view)> check;
  std::function<void()> on_failure;
  std::function<void(std::string&)> on_success;
};

// The question asks itself again after a wrong answer; each copy shares the state.
runtime::Question ask_password(std::shared_ptr<PasswordState> state) {
  runtime::Question question{"Password: ", true, {}};
  question.answer = [state](std::string_view answer,
                            std::string& output) -> std::optional<runtime::Question> {
    if (state->check(answer)) {
      if (state->on_success) state->on_success(output);
      return std::nullopt;
    }
    if (++state->tries >= kMaxLoginTries) {
      output += state->failure_text;
      if (state->on_failure) state->on_failure();
      return std::nullopt;
    }
    output += state->retry_text;
    return ask_password(state);
  };
  return question;
}
}  // namespace

runtime::Question password_question(std::string retry_text, std::string failure_text,
                                    std::function<bool(std::string_view)> check,
                                    std::function<void()> on_failure,
                                    std::function<void(std::string&)> on_success) {
  auto state = std::make_shared<PasswordState>();
  state->retry_text = std::move(retry_text);
  state->failure_text = std::move(failure_text);
  state->check = std::move(check);
  state->on_failure = std::move(on_failure);
  state->on_success = std::move(on_success);
  return ask_password(std::move(state));
}

Shell::Shell(App& app, ShellKind kind, std::string peer, int vty_number, std::string transport)
    : app_(app),
      kind_(kind),
      peer_(std::move(peer)),
      vty_number_(vty_number),
      transport_(std::move(transport)),
      last_input_(runtime::Clock::instance().steady_now()) {
  session_.vty = kind == ShellKind::kVty;
  session_.origin = kind == ShellKind::kVty
                        ? "vty" + std::to_string(vty_number_) + " (" + peer_ + ")"
                        : "console";
  if (kind == ShellKind::kScript) session_.terminal_length = 0;  // docs/cli.md §13
  app_.attach(*this);
}

Shell::~Shell() {
  app_.detach(*this);
}

void Shell::touch() {
  last_input_ = runtime::Clock::instance().steady_now();
}

void Shell::logged_in(std::string user, int privilege) {
  user_ = std::move(user);
  logged_in_privilege_ = privilege;
}

std::string Shell::start() {
  if (kind_ != ShellKind::kVty) return {};
  if (logged_in_privilege_) {
    session_.set_privilege(*logged_in_privilege_);
    return {};
  }
  return start_login();
}

// docs/cli.md §16: the vty login over telnet, by the line's rule.
std::string Shell::start_login() {
  LoginRule rule = login_rule(app_.router.running(), vty_number_);
  switch (rule.kind) {
    case LoginRule::Kind::kNone:
      session_.set_privilege(rule.line_privilege);
      return {};
    case LoginRule::Kind::kRefused:
      closed_ = true;
      return "Password required, but none set\n";
    case LoginRule::Kind::kLinePassword:
      // Three tries, then the connection closes (docs/cli.md §12).
      question_ = password_question(
          "", "% Bad passwords\n",
          [this](std::string_view answer) {
            return line_password_matches(app_.router.running(), vty_number_, answer);
          },
          [this] { closed_ = true; },
          [this](std::string&) {
            session_.set_privilege(login_rule(app_.router.running(), vty_number_).line_privilege);
          });
      break;
    case LoginRule::Kind::kLocal:
      question_ = ask_username(std::make_shared<int>(0));
      break;
  }
  return "\nUser Access Verification\n\n";
}

// `Username: ` then `Password: `; a wrong pair says so and asks again, three times at most.
runtime::Question Shell::ask_username(std::shared_ptr<int> failures) {
  runtime::Question question{"Username: ", false, {}};
  question.answer = [this, failures](std::string_view name,
                                     std::string&) -> std::optional<runtime::Question> {
    runtime::Question password{"Password: ", true, {}};
    password.answer = [this, failures, name = std::string(name)](
                          std::string_view answer,
                          std::string& output) -> std::optional<runtime::Question> {
      const auto& config = app_.router.running();
      LoginRule rule = login_rule(config, vty_number_);
      if (const runtime::LocalUser* user = runtime::find_local_user(config, name, answer)) {
        user_ = user->name;
        session_.set_privilege(landing_privilege(rule, user));
        return std::nullopt;
      }
      output += rule.aaa ? "\n% Authentication failed\n\n" : "% Login invalid\n\n";
      if (++*failures >= kMaxLoginTries) {
        closed_ = true;
        return std::nullopt;
      }
      return ask_username(failures);
    };
    return password;
  };
  return question;
}

std::string Shell::prompt() const {
  if (question_) return question_->prompt;
  return app_.commands.prompt(session_, app_.router.running().hostname);
}

bool Shell::secret_input() const {
  return question_ && question_->secret;
}

std::string Shell::run_line(std::string_view line) {
  std::string output;
  if (question_) {
    auto question = std::move(*question_);
    question_.reset();
    auto next = question.answer(line, output);
    if (next) question_ = std::move(next);
    return output;
  }
  return run_command(line);
}

std::string Shell::run_command(std::string_view line) {
  std::string output;
  bool was_config = runtime::is_config_mode(session_.mode());
  remember(line);
  std::size_t caret_base = prompt().size();
  auto result = app_.commands.execute(session_, app_.router, line, output, caret_base);
  if (result.outcome == runtime::LineOutcome::kError) had_error_ = true;
  if (result.question) question_ = std::move(result.question);
  if (session_.closed) closed_ = true;
  leave_config_mode_log(output, was_config);
  return output;
}

// The EXEC history `show history` lists: the last kHistorySize lines, as IOS keeps by default.
void Shell::remember(std::string_view line) {
  if (runtime::is_config_mode(session_.mode())) return;
  auto first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return;
  auto& history = session_.history;
  history.emplace_back(line.substr(first));
  if (history.size() > kHistorySize) history.erase(history.begin());
}

void Shell::leave_config_mode_log(std::string& output, bool was_config) {
  if (!was_config || runtime::is_config_mode(session_.mode())) return;
  std::string by = kind_ == ShellKind::kVty ? session_.origin : "console";
  std::string log = app_.log_timestamp() + "%SYS-5-CONFIG_I: Configured from console by " + by;
  // The console sees its own log line at once; a vty's change is logged on the console.
  if (kind_ == ShellKind::kVty)
    app_.log(log);
  else
    output += log + "\n";
}

std::string Shell::help(std::string_view partial) {
  auto result = grammar::help_at(app_.commands.tree(), session_.mode(), partial);
  std::string output;
  switch (result.status) {
    case grammar::HelpStatus::kUnrecognized:
    case grammar::HelpStatus::kInvalid:
      return "% Unrecognized command\n";
    case grammar::HelpStatus::kAmbiguous:
      return "% Ambiguous command:  \"" + std::string(partial) + "\"\n";
    case grammar::HelpStatus::kOk:
      break;
  }
  bool word_form = !partial.empty() && partial.back() != ' ' && partial.back() != '\t';
  if (word_form) {
    // `word?`: the completions side by side, each followed by two spaces, wrapped at the width.
    std::size_t width = session_.terminal_width > 0 ? session_.terminal_width : 80;
    std::string row;
    for (const auto& entry : result.entries) {
      if (!row.empty() && row.size() + entry.word.size() + 2 > width) {
        output += row + "\n";
        row.clear();
      }
      row += entry.word + "  ";
    }
    output += row + "\n\n";
    return output;
  }
  if (grammar::tokenize(partial).empty())
    output += app_.commands.tree().mode(session_.mode()).help_header + "\n";
  std::size_t column = 0;
  for (const auto& entry : result.entries) column = std::max(column, entry.word.size());
  column += 2;
  std::size_t width = session_.terminal_width > 0 ? session_.terminal_width : 80;
  for (const auto& entry : result.entries) {
    std::string row = "  " + entry.word;
    if (!entry.help.empty()) {
      row += std::string(column - entry.word.size(), ' ');
      // Long help wraps under the help column.
      std::string_view help = entry.help;
      std::size_t room = width > column + 3 ? width - column - 3 : 20;
      while (help.size() > room) {
        auto cut = help.substr(0, room).rfind(' ');
        if (cut == std::string_view::npos || cut == 0) cut = room;
        row += std::string(help.substr(0, cut)) + "\n" + std::string(column + 2, ' ');
        help.remove_prefix(cut);
        while (!help.empty() && help.front() == ' ') help.remove_prefix(1);
      }
      row += help;
    }
    output += row + "\n";
  }
  output += "\n";
  return output;
}

std::string Shell::complete(std::string_view partial) const {
  return grammar::complete_word(app_.commands.tree(), session_.mode(), partial);
}

std::string Shell::ctrl_z() {
  std::string output;
  if (!runtime::is_config_mode(session_.mode())) return output;
  session_.modes.resize(1);
  leave_config_mode_log(output, true);
  return output;
}

}  // namespace cmemu::cli
