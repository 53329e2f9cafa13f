#include "expert/advice/hint_builder.h"

namespace mssck::advice {

HintBuilder::HintBuilder(std::size_t limit) : limit_(limit) {}

std::size_t HintBuilder::length_with(const std::string& sentence) const {
    return text_.empty() ? sentence.size() : text_.size() + 1 + sentence.size();
}

void HintBuilder::add(const std::string& sentence) {
    if (sentence.empty()) return;
    if (!text_.empty()) text_ += ' ';
    text_ += sentence;
}

bool HintBuilder::add_if_fits(const std::string& sentence) {
    if (sentence.empty() || length_with(sentence) > limit_) return false;
    add(sentence);
    return true;
}

bool HintBuilder::add_first_fitting(std::initializer_list<std::string> choices) {
    for (const std::string& choice : choices)
        if (add_if_fits(choice)) return true;
    return false;
}

void HintBuilder::add_with_extra(const std::vector<std::string>& essentials,
                                 const std::vector<std::string>& extras) {
    if (essentials.empty()) return;
    for (const std::string& essential : essentials) {
        const std::size_t with_essential = length_with(essential);
        for (const std::string& extra : extras) {
            if (extra.empty() || with_essential + 1 + extra.size() > limit_) continue;
            add(essential);
            add(extra);
            return;
        }
    }
    add(length_with(essentials.front()) <= limit_ ? essentials.front() : essentials.back());
}

} // namespace mssck::advice
