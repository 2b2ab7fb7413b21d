#include "tourney/usi/engine_reactor.hpp"

#include <fmt/core.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tourney::usi {

namespace {

// epoll data: the engine id in the high bits, which descriptor in the low two.
enum tag : std::uint64_t { output_tag = 0, exit_tag = 1, input_tag = 2, wake_tag = 3 };

std::uint64_t key(engine_id id, tag t) {
  return (id << 2) | t;
}

}  // namespace

engine_reactor::engine_reactor(event_handler handler) : handler_(std::move(handler)) {}

expected<std::unique_ptr<engine_reactor>> engine_reactor::start(event_handler handler) {
  std::unique_ptr<engine_reactor> reactor(new engine_reactor(std::move(handler)));
  reactor->epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  reactor->wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.u64 = key(0, wake_tag);
  if (reactor->epoll_fd_ < 0 || reactor->wake_fd_ < 0 ||
      ::epoll_ctl(reactor->epoll_fd_, EPOLL_CTL_ADD, reactor->wake_fd_, &wake) != 0) {
    return fail(fmt::format("engine reactor: cannot set up epoll: {}", std::strerror(errno)));
  }
  auto* self = reactor.get();
  reactor->thread_ = std::thread([self] { self->run(); });
  return reactor;
}

engine_reactor::~engine_reactor() {
  stop();
  if (epoll_fd_ >= 0) {
    ::close(epoll_fd_);
  }
  if (wake_fd_ >= 0) {
    ::close(wake_fd_);
  }
}

void engine_reactor::post(command c) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      return;
    }
    commands_.push_back(std::move(c));
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto wrote = ::write(wake_fd_, &one, sizeof one);
}

engine_id engine_reactor::spawn(spawn_options options) {
  engine_id id = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    id = next_id_++;
  }
  post(spawn_command{id, std::move(options)});
  return id;
}

void engine_reactor::write(engine_id id, std::vector<std::string> lines) {
  post(write_command{id, std::move(lines)});
}

void engine_reactor::signal(engine_id id, int signal) {
  post(signal_command{id, signal});
}

void engine_reactor::release(engine_id id) {
  post(release_command{id});
}

void engine_reactor::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto wrote = ::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) {
    thread_.join();
  }
}

void engine_reactor::unwatch(int fd) {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
}

void engine_reactor::watch_input(engine_id id, engine& e) {
  if (e.input_watched || !e.process.has_pending_output()) {
    return;
  }
  epoll_event ev{};
  ev.events = EPOLLOUT;
  ev.data.u64 = key(id, input_tag);
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, e.process.input_fd(), &ev) == 0) {
    e.input_watched = true;
  }
}

void engine_reactor::handle(command& c) {
  if (auto* spawn = std::get_if<spawn_command>(&c)) {
    auto child = child_process::spawn(spawn->options);
    if (!child) {
      reactor_event event;
      event.id = spawn->id;
      event.what = reactor_event::kind::spawn_failed;
      event.error = child.error().message;
      handler_(std::move(event));
      return;
    }
    auto& e = engines_.emplace(spawn->id, engine{std::move(*child)}).first->second;
    epoll_event out{};
    out.events = EPOLLIN;
    out.data.u64 = key(spawn->id, output_tag);
    e.output_watched = ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, e.process.fd(), &out) == 0;
    if (e.process.exit_fd() >= 0) {
      epoll_event exit{};
      exit.events = EPOLLIN;
      exit.data.u64 = key(spawn->id, exit_tag);
      e.exit_watched = ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, e.process.exit_fd(), &exit) == 0;
    }
    reactor_event event;
    event.id = spawn->id;
    event.what = reactor_event::kind::spawned;
    event.pid = e.process.pid();
    handler_(std::move(event));
    return;
  }
  if (auto* write = std::get_if<write_command>(&c)) {
    auto found = engines_.find(write->id);
    if (found == engines_.end()) {
      return;
    }
    auto& e = found->second;
    for (const auto& line : write->lines) {
      e.process.queue_line(line);
    }
    if (!e.process.flush()) {
      reactor_event event;
      event.id = write->id;
      event.what = reactor_event::kind::input_closed;
      handler_(std::move(event));
      return;
    }
    watch_input(write->id, e);
    return;
  }
  if (auto* sig = std::get_if<signal_command>(&c)) {
    auto found = engines_.find(sig->id);
    if (found != engines_.end()) {
      found->second.process.send_signal(sig->signal);
    }
    return;
  }
  if (auto* release = std::get_if<release_command>(&c)) {
    auto found = engines_.find(release->id);
    if (found == engines_.end()) {
      return;
    }
    auto& e = found->second;
    if (e.output_watched) {
      unwatch(e.process.fd());
    }
    if (e.exit_watched) {
      unwatch(e.process.exit_fd());
    }
    if (e.input_watched) {
      unwatch(e.process.input_fd());
    }
    engines_.erase(found);  // the child_process destructor kills and reaps
  }
}

void engine_reactor::on_output(engine_id id, engine& e) {
  auto lines = e.process.read_available();
  if (!lines.empty()) {
    reactor_event event;
    event.id = id;
    event.what = reactor_event::kind::lines;
    event.lines = std::move(lines);
    handler_(std::move(event));
  }
  if (e.process.at_eof() && e.output_watched) {
    unwatch(e.process.fd());
    e.output_watched = false;
    reactor_event event;
    event.id = id;
    event.what = reactor_event::kind::eof;
    handler_(std::move(event));
  }
}

void engine_reactor::on_exit(engine_id id, engine& e) {
  auto status = e.process.try_wait();
  if (!status || e.exit_reported) {
    return;
  }
  if (e.output_watched) {
    on_output(id, e);  // what it printed before dying comes first
  }
  e.exit_reported = true;
  if (e.exit_watched) {
    unwatch(e.process.exit_fd());
    e.exit_watched = false;
  }
  reactor_event event;
  event.id = id;
  event.what = reactor_event::kind::exited;
  event.status = status;
  handler_(std::move(event));
}

void engine_reactor::on_input(engine_id id, engine& e) {
  auto flushed = e.process.flush();
  if (!flushed || !e.process.has_pending_output()) {
    unwatch(e.process.input_fd());
    e.input_watched = false;
  }
  if (!flushed) {
    reactor_event event;
    event.id = id;
    event.what = reactor_event::kind::input_closed;
    handler_(std::move(event));
  }
}

void engine_reactor::run() {
  epoll_event ready[64];
  while (true) {
    int count = ::epoll_wait(epoll_fd_, ready, 64, -1);
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    for (int i = 0; i < count; ++i) {
      auto data = ready[i].data.u64;
      auto which = static_cast<tag>(data & 3);
      engine_id id = data >> 2;
      if (which == wake_tag) {
        std::uint64_t drained = 0;
        [[maybe_unused]] auto got = ::read(wake_fd_, &drained, sizeof drained);
        std::deque<command> batch;
        bool stopping = false;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          batch.swap(commands_);
          stopping = stopping_;
        }
        if (stopping) {
          engines_.clear();  // SIGKILL and reap each
          return;
        }
        for (auto& c : batch) {
          handle(c);
        }
        continue;
      }
      // An engine released earlier in this batch has no entry any more.
      auto found = engines_.find(id);
      if (found == engines_.end()) {
        continue;
      }
      switch (which) {
        case output_tag:
          on_output(id, found->second);
          break;
        case exit_tag:
          on_exit(id, found->second);
          break;
        case input_tag:
          on_input(id, found->second);
          break;
        default:
          break;
      }
    }
  }
  engines_.clear();
}

}  // namespace tourney::usi
