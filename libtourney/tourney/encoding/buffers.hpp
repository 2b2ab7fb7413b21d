#pragma once
// The caller's buffers the encoders write into: a pointer and a length, no
// ownership (C++17 has no std::span). The runtime points these at one slice
// of a batch buffer that numpy then reads without a copy.
#include <cstddef>
#include <cstdint>

namespace tourney::encoding {

struct float_span {
  float* data = nullptr;
  std::size_t size = 0;
};

struct byte_span {
  std::uint8_t* data = nullptr;
  std::size_t size = 0;
};

}  // namespace tourney::encoding
