#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace rankpo {

enum class SafeTensorsDtype { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

std::size_t dtypeSize(SafeTensorsDtype dtype);
const char* dtypeName(SafeTensorsDtype dtype);

struct SafeTensorInfo {
    std::string name;
    SafeTensorsDtype dtype;
    std::vector<std::int64_t> shape;
    std::size_t begin = 0; // byte range in the data section, begin <= end <= data size
    std::size_t end = 0;
    std::int64_t numel() const;
};

// A safetensors file held in memory and checked before anything is read from it: the header length, the JSON
// header (nlohmann), each tensor's dtype, shape and byte range (inside the data, of exactly numel * dtype size
// bytes, not overlapping another). A truncated or hostile file is an error naming the file and the tensor, never
// a read outside the buffer (fuzz/safetensors_fuzzer.cpp exercises this).
class SafeTensorsFile {
public:
    static SafeTensorsFile read(const std::filesystem::path& path);
    static SafeTensorsFile parse(std::string bytes, std::string sourceName);

    const std::vector<SafeTensorInfo>& tensors() const { return m_tensors; }
    const SafeTensorInfo* find(const std::string& name) const;
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    const std::string& sourceName() const { return m_source; }

    // The tensor's raw little-endian bytes.
    const char* data(const SafeTensorInfo& t) const { return m_bytes.data() + m_dataStart + t.begin; }
    // The tensor as float32 values (F32, F16 and BF16; other dtypes are an error naming the tensor).
    std::vector<float> toFloat(const SafeTensorInfo& t) const;
    // The tensor as int64 values (I64, I32).
    std::vector<std::int64_t> toInt64(const SafeTensorInfo& t) const;

private:
    std::string m_source;
    std::string m_bytes;
    std::size_t m_dataStart = 0;
    std::vector<SafeTensorInfo> m_tensors;
    std::map<std::string, std::size_t> m_byName;
    std::map<std::string, std::string> m_metadata;
};

// "[2, 384]": a tensor shape as error messages show it.
std::string shapeText(const std::vector<std::int64_t>& shape);

// Writes tensors as a safetensors file (header padded to 8 bytes, tensors in name order) that Python's
// safetensors and transformers read: float32 values, or raw little-endian bytes of any dtype (bf16 stays bf16).
class SafeTensorsWriter {
public:
    void add(std::string name, std::vector<std::int64_t> shape, std::vector<float> values);
    void addRaw(std::string name, SafeTensorsDtype dtype, std::vector<std::int64_t> shape, std::string bytes);
    void setMetadata(std::string key, std::string value) { m_metadata[std::move(key)] = std::move(value); }
    std::string serialize() const;
    // Streams the file through a temporary sibling and a rename (no second copy of the tensors in memory).
    void write(const std::filesystem::path& path) const;

private:
    struct Entry {
        SafeTensorsDtype dtype;
        std::vector<std::int64_t> shape;
        std::string bytes;
    };
    std::string header() const;

    std::map<std::string, Entry> m_entries;
    std::map<std::string, std::string> m_metadata;
};

} // namespace rankpo
