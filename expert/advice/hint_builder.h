// Puts a hint together sentence by sentence within a length budget: the
// essential sentence always goes in, the helpful extras only if they fit.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace mssck::advice {

class HintBuilder {
public:
    explicit HintBuilder(std::size_t limit);

    // Always kept: the caller keeps essential sentences short.
    void add(const std::string& sentence);

    // Kept only if the hint stays within the limit. Empty sentences are skipped.
    bool add_if_fits(const std::string& sentence);

    // The first of the choices that fits, most helpful first.
    bool add_first_fitting(std::initializer_list<std::string> choices);

    // One of `essentials` (most detailed first) together with the best of
    // `extras` that fits beside it; an essential goes in even when no
    // extra fits: the first if it fits alone, else the last.
    void add_with_extra(const std::vector<std::string>& essentials, const std::vector<std::string>& extras);

    const std::string& text() const { return text_; }

private:
    std::size_t length_with(const std::string& sentence) const;

    std::size_t limit_;
    std::string text_;
};

} // namespace mssck::advice
