// The p0f signature database the user's preference names, loaded once and
// again only when the preference changes. Problems in the file are reported
// with their line numbers and never stop Wireshark.
#pragma once

#include "expert/fingerprint/fingerprinter.h"

namespace mssck_plugin {

// The fingerprinter for the current preference; never null after the first call.
const mssck::fingerprint::Fingerprinter* current_fingerprinter();

void release_fingerprinter();

} // namespace mssck_plugin
