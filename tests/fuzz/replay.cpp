// gputco-fuzz-replay TARGET PATH...: runs files (or every file in folders)
// through a fuzz target's checks without libFuzzer, in any build: to reproduce
// a finding with g++, or to replay a corpus in the coverage build.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "entry.hpp"

namespace {

std::string current_file;

// Says which file failed; the default handler then prints the check and aborts.
void name_the_file(const std::string&) { std::fprintf(stderr, "while replaying %s:\n", current_file.c_str()); }

bool is_directory(const std::string& path) {
    struct stat info {};
    return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// The files of a folder in name order (not recursive); a file is itself.
std::vector<std::string> files_at(const std::string& path) {
    if (!is_directory(path)) return {path};
    std::vector<std::string> files;
    if (DIR* dir = opendir(path.c_str())) {
        while (const dirent* entry = readdir(dir)) {
            const std::string name = entry->d_name;
            if (name.empty() || name[0] == '.') continue;
            const std::string file = path + "/" + name;
            if (!is_directory(file)) files.push_back(file);
        }
        closedir(dir);
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    const gputco::fuzz::Entry entry = argc >= 3 ? gputco::fuzz::entry_named(argv[1]) : nullptr;
    if (!entry) {
        std::fprintf(stderr, "usage: gputco-fuzz-replay scenario|analysis|link FILE|FOLDER...\n");
        return 2;
    }
    gputco::fuzz::set_failure_handler(name_the_file);
    std::size_t replayed = 0;
    for (int i = 2; i < argc; ++i) {
        for (const std::string& file : files_at(argv[i])) {
            std::ifstream in(file, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "cannot read %s\n", file.c_str());
                return 2;
            }
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            current_file = file;
            entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++replayed;
        }
    }
    std::printf("%zu inputs replayed through the %s checks\n", replayed, argv[1]);
    return 0;
}
