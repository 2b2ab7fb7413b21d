#include "tourney/schedule/check.hpp"

#include "tourney/spec/validate.hpp"

namespace tourney::schedule {

expected<std::vector<opening>> check_tournament(const spec::tournament_spec& spec) {
  TOURNEY_TRY(spec::validate(spec));
  auto openings = load_openings(spec.openings);
  if (!openings) {
    return fail("openings: " + openings.error().message);
  }
  return openings;
}

}  // namespace tourney::schedule
