// The hint builder keeps essential sentences and adds extras only within
// the length budget.
#include <catch2/catch.hpp>

#include "expert/advice/hint_builder.h"

using mssck::advice::HintBuilder;

TEST_CASE("essential sentences always go in, extras only if they fit", "[advice][builder]") {
    HintBuilder hint(20);
    hint.add("Fix the path.");          // 13
    CHECK_FALSE(hint.add_if_fits("Also this one."));
    CHECK(hint.add_if_fits("Now."));    // 13 + 1 + 4 = 18
    CHECK(hint.text() == "Fix the path. Now.");
    CHECK_FALSE(hint.add_if_fits(""));
}

TEST_CASE("the first fitting choice wins", "[advice][builder]") {
    HintBuilder hint(12);
    CHECK(hint.add_first_fitting({"Far too long here.", "Short one."}));
    CHECK(hint.text() == "Short one.");
}

TEST_CASE("an essential gives way to a shorter form to leave room for an extra", "[advice][builder]") {
    HintBuilder hint(30);
    hint.add_with_extra({"The long essential one.", "Short."}, {"A useful extra."});
    CHECK(hint.text() == "Short. A useful extra.");

    HintBuilder roomy(60);
    roomy.add_with_extra({"The long essential one.", "Short."}, {"A useful extra."});
    CHECK(roomy.text() == "The long essential one. A useful extra.");

    HintBuilder tight(25);
    tight.add_with_extra({"The long essential one.", "Short."}, {"An extra far too long to fit."});
    CHECK(tight.text() == "The long essential one.");
}
