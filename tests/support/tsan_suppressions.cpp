// ThreadSanitizer suppressions compiled into the test binary. Debian's
// libcaf_core is not built with TSan, so the atomics CAF uses to hand a
// message (or a new actor's init function) from one thread to another are
// invisible to it: every message read on another worker thread would be
// reported. Reports with a libcaf_core frame are therefore suppressed. Races
// in code that runs outside CAF's threads (the facade, subscriber queues and
// their delivery threads, host policies called from player threads against
// host state) have no such frame and are still reported.
extern "C" const char* __tsan_default_suppressions() {
  return "race:libcaf_core.so\n";
}

// Longer per-thread history, so the earlier access of a report has a stack
// (and the suppression above can see CAF's frames in it).
extern "C" const char* __tsan_default_options() {
  return "history_size=7";
}
