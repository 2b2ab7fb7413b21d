// The single Boost.Test module of the test binaries.
#define BOOST_TEST_MODULE tourney
#include <boost/test/unit_test.hpp>
