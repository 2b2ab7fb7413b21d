#include "tourney/results/live_report.hpp"

#include "tourney/results/folder_html.hpp"
#include "tourney/storage/atomic_file.hpp"

namespace tourney::results {

expected<void> write_live_report(const std::string& folder, report_durability durability) {
  const auto path = folder + "/" + live_report_file;
  auto page = folder_html(folder, path);
  if (!page) {
    return tl::unexpected(page.error());
  }
  // A page is derived data (`tourney report` makes it again): a rewrite
  // during the run skips the fsyncs, which would hold up journal commits.
  return storage::write_file_atomically(path, *page,
                                        durability == report_durability::durable ? storage::sync_mode::durable
                                                                                 : storage::sync_mode::none);
}

}  // namespace tourney::results
