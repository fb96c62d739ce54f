// Secrets as IOS keeps them (docs/cli.md §16): published vectors for each type.
#include <doctest/doctest.h>

#include "runtime/config/secrets.hpp"

using namespace cmemu::runtime;

TEST_CASE("type 5 is MD5-crypt with a 4-character salt") {
  // The well-known IOS hash of `cisco`.
  CHECK(secrets::md5_crypt("cisco", "mERr") == "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0");
  CHECK(secrets::secret_matches(5, "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "cisco"));
  CHECK_FALSE(secrets::secret_matches(5, "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "Cisco"));
  CHECK_FALSE(secrets::secret_matches(5, "$1$mERr", "cisco"));  // no hash part
  std::string fresh = secrets::md5_crypt("lab");
  CHECK(fresh.starts_with("$1$"));
  CHECK(fresh.size() == 3 + 4 + 1 + 22);
  CHECK(secrets::secret_matches(5, fresh, "lab"));
  CHECK(fresh != secrets::md5_crypt("lab"));  // a new salt each time
}

TEST_CASE("type 9 is scrypt in Cisco's encoding") {
  // hashcat's example for mode 9300 (Cisco-IOS $9$), password `hashcat`.
  const char* stored = "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6";
  CHECK(secrets::scrypt("hashcat", "2MJBozw/9R3UsU") == stored);
  CHECK(secrets::secret_matches(9, stored, "hashcat"));
  CHECK_FALSE(secrets::secret_matches(9, stored, "hashcaT"));
  std::string fresh = secrets::scrypt("lab");
  CHECK(fresh.size() == 3 + 14 + 1 + 43);
  CHECK(secrets::secret_matches(9, fresh, "lab"));
  // Type 8 (PBKDF2) is kept but never matched.
  CHECK_FALSE(secrets::secret_matches(
      8, "$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk", "hashcat"));
}

TEST_CASE("type 7 encodes and decodes") {
  CHECK(secrets::type7_decode("0822455D0A16") == "cisco");
  CHECK(secrets::type7_encode("cisco", 8) == "0822455D0A16");
  for (int seed = 0; seed <= 15; ++seed)
    CHECK(secrets::type7_decode(secrets::type7_encode("P@ss word", seed)) == "P@ss word");
  CHECK_FALSE(secrets::type7_decode("0"));
  CHECK_FALSE(secrets::type7_decode("99AB"));  // seed past the key
  CHECK_FALSE(secrets::type7_decode("08ZZ"));
  CHECK(secrets::password_matches(7, "0822455D0A16", "cisco"));
  CHECK(secrets::password_matches(0, "cisco", "cisco"));
  CHECK_FALSE(secrets::password_matches(0, "0822455D0A16", "cisco"));
}
