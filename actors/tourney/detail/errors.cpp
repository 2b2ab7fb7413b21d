#include "tourney/detail/errors.hpp"

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/message.hpp"

namespace tourney::detail {

std::string to_string(errc code) {
  switch (code) {
    case errc::shut_down:
      return "shut_down";
    case errc::invalid_tournament:
      return "invalid_tournament";
    case errc::storage_failed:
      return "storage_failed";
    case errc::engine_unavailable:
      return "engine_unavailable";
  }
  return "unknown";
}

caf::error make_error(errc code, std::string text) {
  return caf::error(static_cast<std::uint8_t>(code), error_category, caf::make_message(std::move(text)));
}

std::string error_text(const caf::actor_system& sys, const caf::error& err) {
  if (err.category() == error_category && err.context().match_elements<std::string>()) {
    return err.context().get_as<std::string>(0);
  }
  return sys.render(err);
}

bool is(const caf::error& err, errc code) {
  return err.category() == error_category && err.code() == static_cast<std::uint8_t>(code);
}

void add_error_category(caf::actor_system_config& cfg) {
  // Explicit renderer: CAF 0.17.6's add_error_category<T> does not compile.
  cfg.add_error_category(error_category, [](std::uint8_t code, caf::atom_value, const caf::message& context) {
    auto text = "tourney: " + to_string(static_cast<errc>(code));
    if (context.match_elements<std::string>()) {
      text += " (" + context.get_as<std::string>(0) + ")";
    }
    return text;
  });
}

}  // namespace tourney::detail
