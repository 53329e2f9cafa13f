#include "plugin/fingerprint_database.h"

#include <wireshark.h>
#include <wsutil/report_message.h>

#include <new>
#include <string>
#include <vector>

#include "plugin/plugin_ids.h"

namespace mssck_plugin {
namespace {

mssck::fingerprint::Fingerprinter* loaded = nullptr;
std::string loaded_from;

constexpr std::size_t kDiagnosticsShown = 10;
constexpr const char* kDefaultDatabase = "/etc/p0f/p0f.fp";

// Runs outside any dissection: a warning dialog in Wireshark, stderr in tshark.
void report_problems(const std::string& path, const std::vector<mssck::fingerprint::ParseDiagnostic>& problems) {
    if (problems.empty()) return;
    std::string text = "MSS Check: problems in the p0f database " + path + " (those lines are skipped):";
    for (std::size_t i = 0; i < problems.size() && i < kDiagnosticsShown; ++i) text += "\n  " + problems[i].to_string();
    if (problems.size() > kDiagnosticsShown)
        text += "\n  ... and " + std::to_string(problems.size() - kDiagnosticsShown) + " more";
    report_warning("%s", text.c_str());
}

} // namespace

const mssck::fingerprint::Fingerprinter* current_fingerprinter() {
    const std::string wanted = preferences.p0f_database != nullptr ? preferences.p0f_database : "";
    if (loaded != nullptr && wanted == loaded_from) return loaded;
    try {
        std::vector<mssck::fingerprint::ParseDiagnostic> problems;
        auto* fresh = new mssck::fingerprint::Fingerprinter(
            wanted.empty() ? mssck::fingerprint::Fingerprinter{}
                           : mssck::fingerprint::Fingerprinter::from_file(wanted, problems));
        // Without Debian's p0f package the default file is simply absent:
        // the built-in signatures then work alone, and that needs no warning.
        const bool default_absent = wanted == kDefaultDatabase && !g_file_test(wanted.c_str(), G_FILE_TEST_EXISTS);
        if (!default_absent) report_problems(wanted, problems);
        delete loaded;
        loaded = fresh;
        loaded_from = wanted;
    } catch (...) {
        // Out of memory: keep what was there (perhaps nothing: no fingerprints).
    }
    return loaded;
}

void release_fingerprinter() {
    delete loaded;
    loaded = nullptr;
    loaded_from.clear();
}

} // namespace mssck_plugin
