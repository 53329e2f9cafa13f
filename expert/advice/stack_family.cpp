#include "expert/advice/stack_family.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace mssck::advice {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// "Mac OS X" -> "macosx", "HP-UX" -> "hpux": p0f and other tools spell
// the same system with and without spaces and dashes.
std::string squeezed_name(std::string_view name) {
    std::string out;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c))) out += lower(c);
    return out;
}

// "NT kernel 6.x (Vista to 8.1)" -> {"nt", "kernel", "6.x", "vista", "to", "8.1"}.
std::vector<std::string> flavor_words(std::string_view flavor) {
    std::vector<std::string> words;
    std::string word;
    for (char c : flavor) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
            word += lower(c);
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

bool is_one_of(const std::string& word, std::initializer_list<std::string_view> options) {
    return std::find(options.begin(), options.end(), word) != options.end();
}

// Each Windows generation is recognised by the release names and kernel
// versions its labels carry. A label naming several generations ("XP or
// 7") is left as version unknown rather than guessed.
StackFamily windows_generation(std::string_view flavor) {
    bool vista_or_later = false;
    bool nt5 = false;
    bool legacy = false;
    const std::vector<std::string> words = flavor_words(flavor);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        const bool after_nt = i > 0 && words[i - 1] == "nt";
        if (is_one_of(word, {"vista", "7", "8", "8.1", "10", "11", "2008", "2012", "2016", "2019", "2022",
                             "2025", "6.x", "6.0", "6.1", "6.2", "6.3", "10.0"}))
            vista_or_later = true;
        else if (is_one_of(word, {"2000", "xp", "2003", "5.x", "5.0", "5.1", "5.2"}))
            nt5 = true;
        else if (is_one_of(word, {"95", "98", "me", "nt4", "4.0", "3.51", "3.5", "3.1"}) ||
                 (after_nt && is_one_of(word, {"4", "4.x", "3", "3.x"})))
            legacy = true;
    }
    const int generations = int(vista_or_later) + int(nt5) + int(legacy);
    if (generations != 1) return StackFamily::WindowsUnknownVersion;
    if (vista_or_later) return StackFamily::WindowsVistaOrLater;
    if (nt5) return StackFamily::Windows2000To2003;
    return StackFamily::WindowsLegacy;
}

} // namespace

StackFamily stack_family_from_label(std::string_view family, std::string_view flavor) {
    const std::string name = squeezed_name(family);
    if (name == "windows") return windows_generation(flavor);
    if (name == "linux" || name == "android") return StackFamily::Linux;
    if (is_one_of(name, {"macosx", "macos", "osx", "ios", "ipados", "darwin"})) return StackFamily::Apple;
    if (name == "freebsd") return StackFamily::FreeBsd;
    if (name == "solaris" || name == "sunos") return StackFamily::Solaris;
    if (name == "hpux") return StackFamily::HpUx;
    if (name == "aix") return StackFamily::Aix;
    return StackFamily::Unknown;
}

} // namespace mssck::advice
