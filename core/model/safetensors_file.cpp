#include "core/model/safetensors_file.h"

#include "core/text/json_file.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <limits>

namespace rankpo {
namespace {

// A header larger than this is not a model we wrote or want: refuse it before parsing (safetensors' own limit).
constexpr std::uint64_t kMaxHeaderBytes = 100u * 1024u * 1024u;

SafeTensorsDtype parseDtype(const std::string& s, const std::string& where)
{
    static const std::pair<const char*, SafeTensorsDtype> names[] = {
        {"F64", SafeTensorsDtype::F64}, {"F32", SafeTensorsDtype::F32}, {"F16", SafeTensorsDtype::F16},
        {"BF16", SafeTensorsDtype::BF16}, {"I64", SafeTensorsDtype::I64}, {"I32", SafeTensorsDtype::I32},
        {"I16", SafeTensorsDtype::I16}, {"I8", SafeTensorsDtype::I8}, {"U8", SafeTensorsDtype::U8},
        {"BOOL", SafeTensorsDtype::Bool}};
    for (const auto& [name, dtype] : names)
        if (s == name)
            return dtype;
    throw dataError(where + ": unsupported dtype '" + s + "'");
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000) << 16;
    std::uint32_t exponent = (h >> 10) & 0x1F;
    std::uint32_t mantissa = h & 0x3FF;
    std::uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else { // subnormal: renormalise
            exponent = 127 - 15 + 1;
            while (!(mantissa & 0x400)) {
                mantissa <<= 1;
                --exponent;
            }
            mantissa &= 0x3FF;
            bits = sign | (exponent << 23) | (mantissa << 13);
        }
    } else if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13); // inf / nan
    } else {
        bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

std::uint64_t readLittleEndian64(const char* p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

} // namespace

std::size_t dtypeSize(SafeTensorsDtype dtype)
{
    switch (dtype) {
    case SafeTensorsDtype::F64:
    case SafeTensorsDtype::I64: return 8;
    case SafeTensorsDtype::F32:
    case SafeTensorsDtype::I32: return 4;
    case SafeTensorsDtype::F16:
    case SafeTensorsDtype::BF16:
    case SafeTensorsDtype::I16: return 2;
    case SafeTensorsDtype::I8:
    case SafeTensorsDtype::U8:
    case SafeTensorsDtype::Bool: return 1;
    }
    return 1;
}

const char* dtypeName(SafeTensorsDtype dtype)
{
    switch (dtype) {
    case SafeTensorsDtype::F64: return "F64";
    case SafeTensorsDtype::F32: return "F32";
    case SafeTensorsDtype::F16: return "F16";
    case SafeTensorsDtype::BF16: return "BF16";
    case SafeTensorsDtype::I64: return "I64";
    case SafeTensorsDtype::I32: return "I32";
    case SafeTensorsDtype::I16: return "I16";
    case SafeTensorsDtype::I8: return "I8";
    case SafeTensorsDtype::U8: return "U8";
    case SafeTensorsDtype::Bool: return "BOOL";
    }
    return "?";
}

std::int64_t SafeTensorInfo::numel() const
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d; // bounded at parse time
    return n;
}

SafeTensorsFile SafeTensorsFile::read(const std::filesystem::path& path)
{
    return parse(readFileBytes(path), path.string());
}

SafeTensorsFile SafeTensorsFile::parse(std::string bytes, std::string sourceName)
{
    SafeTensorsFile file;
    file.m_source = std::move(sourceName);
    const std::string& src = file.m_source;
    if (bytes.size() < 8)
        throw dataError(src + ": truncated safetensors file (" + std::to_string(bytes.size()) + " bytes, no header length)");
    const std::uint64_t headerLen = readLittleEndian64(bytes.data());
    if (headerLen > kMaxHeaderBytes)
        throw dataError(src + ": safetensors header length " + std::to_string(headerLen) + " is implausible");
    if (headerLen > bytes.size() - 8)
        throw dataError(src + ": truncated safetensors file: the header needs " + std::to_string(headerLen) +
                        " bytes, " + std::to_string(bytes.size() - 8) + " follow");
    file.m_dataStart = 8 + std::size_t(headerLen);
    const std::size_t dataSize = bytes.size() - file.m_dataStart;

    nlohmann::json header;
    try {
        header = nlohmann::json::parse(bytes.begin() + 8, bytes.begin() + std::ptrdiff_t(file.m_dataStart));
    } catch (const nlohmann::json::exception& e) {
        throw dataError(src + ": invalid safetensors header JSON: " + e.what());
    }
    if (!header.is_object())
        throw dataError(src + ": the safetensors header is not a JSON object");

    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string& name = it.key();
        const nlohmann::json& entry = it.value();
        if (name == "__metadata__") {
            if (!entry.is_object())
                throw dataError(src + ": __metadata__ is not an object");
            for (auto m = entry.begin(); m != entry.end(); ++m) {
                if (!m.value().is_string())
                    throw dataError(src + ": __metadata__['" + m.key() + "'] is not a string");
                file.m_metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        const std::string where = src + ": tensor '" + name + "'";
        if (!entry.is_object())
            throw dataError(where + " is not an object");
        const auto dtypeIt = entry.find("dtype");
        const auto shapeIt = entry.find("shape");
        const auto offsetsIt = entry.find("data_offsets");
        if (dtypeIt == entry.end() || !dtypeIt->is_string())
            throw dataError(where + ": missing or non-string dtype");
        if (shapeIt == entry.end() || !shapeIt->is_array())
            throw dataError(where + ": missing or non-array shape");
        if (offsetsIt == entry.end() || !offsetsIt->is_array() || offsetsIt->size() != 2)
            throw dataError(where + ": data_offsets must be [begin, end]");

        SafeTensorInfo info;
        info.name = name;
        info.dtype = parseDtype(dtypeIt->get<std::string>(), where);
        std::uint64_t numel = 1;
        for (const auto& d : *shapeIt) {
            if (!d.is_number_unsigned())
                throw dataError(where + ": shape holds a non-integer or negative dimension");
            const std::uint64_t dim = d.get<std::uint64_t>();
            if (dim != 0 && numel > std::uint64_t(std::numeric_limits<std::int64_t>::max()) / dim)
                throw dataError(where + ": shape overflows");
            numel *= dim;
            info.shape.push_back(std::int64_t(dim));
        }
        for (const auto& o : *offsetsIt)
            if (!o.is_number_unsigned())
                throw dataError(where + ": data_offsets hold a non-integer or negative value");
        const std::uint64_t begin = (*offsetsIt)[0].get<std::uint64_t>();
        const std::uint64_t end = (*offsetsIt)[1].get<std::uint64_t>();
        if (begin > end || end > dataSize)
            throw dataError(where + ": data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                            "] lie outside the " + std::to_string(dataSize) + " data bytes (truncated file?)");
        const std::uint64_t elementSize = dtypeSize(info.dtype);
        if (numel > std::numeric_limits<std::uint64_t>::max() / elementSize || end - begin != numel * elementSize)
            throw dataError(where + ": " + std::to_string(end - begin) + " bytes do not hold its shape of " +
                            std::to_string(numel) + " " + dtypeName(info.dtype) + " values");
        info.begin = std::size_t(begin);
        info.end = std::size_t(end);
        file.m_byName[name] = file.m_tensors.size();
        file.m_tensors.push_back(std::move(info));
    }

    std::vector<const SafeTensorInfo*> byOffset;
    for (const auto& t : file.m_tensors)
        byOffset.push_back(&t);
    std::sort(byOffset.begin(), byOffset.end(),
              [](const SafeTensorInfo* a, const SafeTensorInfo* b) { return a->begin < b->begin; });
    for (std::size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            throw dataError(src + ": tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name + "' overlap");

    file.m_bytes = std::move(bytes);
    return file;
}

const SafeTensorInfo* SafeTensorsFile::find(const std::string& name) const
{
    const auto it = m_byName.find(name);
    return it == m_byName.end() ? nullptr : &m_tensors[it->second];
}

std::vector<float> SafeTensorsFile::toFloat(const SafeTensorInfo& t) const
{
    const std::size_t n = std::size_t(t.numel());
    const char* p = data(t);
    std::vector<float> out(n);
    switch (t.dtype) {
    case SafeTensorsDtype::F32:
        std::memcpy(out.data(), p, n * 4); // little-endian hosts only, like libtorch on x86-64/arm64
        break;
    case SafeTensorsDtype::F16:
        for (std::size_t i = 0; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            out[i] = halfToFloat(h);
        }
        break;
    case SafeTensorsDtype::BF16:
        for (std::size_t i = 0; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, p + 2 * i, 2);
            const std::uint32_t bits = std::uint32_t(h) << 16;
            std::memcpy(&out[i], &bits, 4);
        }
        break;
    default:
        throw dataError(m_source + ": tensor '" + t.name + "' has dtype " + dtypeName(t.dtype) +
                        "; a float tensor (F32, F16, BF16) is needed");
    }
    return out;
}

std::vector<std::int64_t> SafeTensorsFile::toInt64(const SafeTensorInfo& t) const
{
    const std::size_t n = std::size_t(t.numel());
    const char* p = data(t);
    std::vector<std::int64_t> out(n);
    if (t.dtype == SafeTensorsDtype::I64) {
        std::memcpy(out.data(), p, n * 8);
    } else if (t.dtype == SafeTensorsDtype::I32) {
        for (std::size_t i = 0; i < n; ++i) {
            std::int32_t v;
            std::memcpy(&v, p + 4 * i, 4);
            out[i] = v;
        }
    } else {
        throw dataError(m_source + ": tensor '" + t.name + "' has dtype " + dtypeName(t.dtype) +
                        "; an integer tensor (I64, I32) is needed");
    }
    return out;
}

void SafeTensorsWriter::add(std::string name, std::vector<std::int64_t> shape, std::vector<float> values)
{
    std::string bytes(values.size() * 4, '\0');
    std::memcpy(bytes.data(), values.data(), bytes.size());
    addRaw(std::move(name), SafeTensorsDtype::F32, std::move(shape), std::move(bytes));
}

void SafeTensorsWriter::addRaw(std::string name, SafeTensorsDtype dtype, std::vector<std::int64_t> shape, std::string bytes)
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    if (std::uint64_t(n) * dtypeSize(dtype) != bytes.size())
        throw usageError("safetensors: tensor '" + name + "' has " + std::to_string(bytes.size()) +
                         " bytes for a shape of " + std::to_string(n) + " " + dtypeName(dtype) + " values");
    m_entries[std::move(name)] = Entry{dtype, std::move(shape), std::move(bytes)};
}

std::string SafeTensorsWriter::header() const
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!m_metadata.empty())
        header["__metadata__"] = m_metadata;
    std::size_t offset = 0;
    for (const auto& [name, e] : m_entries) {
        header[name] = {{"dtype", dtypeName(e.dtype)}, {"shape", e.shape}, {"data_offsets", {offset, offset + e.bytes.size()}}};
        offset += e.bytes.size();
    }
    std::string json = header.dump();
    while ((8 + json.size()) % 8 != 0)
        json.push_back(' '); // the data section starts 8-byte aligned, as the safetensors format recommends
    std::string out;
    std::uint64_t len = json.size();
    for (int i = 0; i < 8; ++i)
        out.push_back(char((len >> (8 * i)) & 0xFF));
    return out + json;
}

std::string SafeTensorsWriter::serialize() const
{
    std::string out = header();
    for (const auto& entry : m_entries)
        out += entry.second.bytes;
    return out;
}

void SafeTensorsWriter::write(const std::filesystem::path& path) const
{
    writeFileAtomically(path, [this](std::ostream& out) {
        const std::string head = header();
        out.write(head.data(), std::streamsize(head.size()));
        for (const auto& entry : m_entries)
            out.write(entry.second.bytes.data(), std::streamsize(entry.second.bytes.size()));
    });
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

} // namespace rankpo
