#include "runtime/config/credentials.hpp"

#include "runtime/config/secrets.hpp"

namespace cmemu::runtime {

const LocalUser* find_local_user(const Config& config, std::string_view name,
                                 std::string_view password) {
  for (const auto& user : config.users) {
    if (user.name != name) continue;
    if (user.credential == "nopassword") return &user;
    if (user.credential == "secret" && secrets::secret_matches(user.type, user.value, password))
      return &user;
    if (user.credential == "password" && secrets::password_matches(user.type, user.value, password))
      return &user;
    return nullptr;
  }
  return nullptr;
}

bool enable_answer_matches(const Config& config, std::string_view answer) {
  if (const auto& secret = config.enable_secret)
    return secrets::secret_matches(secret->type, secret->value, answer);
  if (const auto& password = config.enable_password)
    return secrets::password_matches(password->type, password->value, answer);
  return true;
}

}  // namespace cmemu::runtime
