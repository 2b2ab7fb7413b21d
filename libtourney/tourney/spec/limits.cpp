#include "tourney/spec/limits.hpp"

#include <fmt/format.h>

#include "tourney/util/bounded_read.hpp"

namespace tourney::spec::limits {

expected<void> check_length(std::string_view value, std::string_view path, std::size_t max_bytes) {
  if (value.size() > max_bytes) {
    return fail(fmt::format("{}: {} bytes, longer than the limit of {}", path, value.size(),
                            size_text(max_bytes)));
  }
  return {};
}

expected<void> check_count(std::size_t count, std::string_view path, std::size_t max_count) {
  if (count > max_count) {
    return fail(fmt::format("{}: {} entries, more than the limit of {}", path, count, max_count));
  }
  return {};
}

}  // namespace tourney::spec::limits
