#include "core/model/safetensors_file.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace rankpo;

namespace {

// A safetensors file from a header text and raw data bytes.
std::string makeFile(const std::string& header, const std::string& data)
{
    std::string out;
    const std::uint64_t n = header.size();
    for (int i = 0; i < 8; ++i)
        out.push_back(char((n >> (8 * i)) & 0xFF));
    return out + header + data;
}

std::string bytesOf(std::initializer_list<std::uint16_t> halves)
{
    std::string s;
    for (auto h : halves) {
        s.push_back(char(h & 0xFF));
        s.push_back(char(h >> 8));
    }
    return s;
}

// Expects a data error whose message contains `needle`.
void expectDataError(const std::string& bytes, const std::string& needle)
{
    try {
        SafeTensorsFile::parse(bytes, "t.safetensors");
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::Data);
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
        return;
    }
    QFAIL(("accepted a bad file; expected: " + needle).c_str());
}

} // namespace

class TestSafeTensorsFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writerOutputReadsBack()
    {
        SafeTensorsWriter w;
        w.add("b.weight", {2, 3}, {1, 2, 3, 4, 5, 6});
        w.add("a.bias", {3}, {-1.5f, 0.f, 2.25f});
        w.setMetadata("format", "pt");
        const std::string bytes = w.serialize();
        std::uint64_t headerLen;
        std::memcpy(&headerLen, bytes.data(), 8);
        QCOMPARE((8 + headerLen) % 8, std::uint64_t(0)); // aligned data section
        const SafeTensorsFile f = SafeTensorsFile::parse(bytes, "mem");
        QCOMPARE(f.tensors().size(), std::size_t(2));
        QCOMPARE(f.metadata().at("format"), std::string("pt"));
        const SafeTensorInfo* b = f.find("b.weight");
        QVERIFY(b);
        QCOMPARE(b->shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(f.toFloat(*b), (std::vector<float>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(f.toFloat(*f.find("a.bias")), (std::vector<float>{-1.5f, 0.f, 2.25f}));
        QVERIFY(!f.find("missing"));
    }

    void halfAndBfloat16Convert()
    {
        // F16: 1.0, -2.0, 65504 (max), smallest subnormal; BF16: 1.0, -0.5, 3.140625.
        const std::string data = bytesOf({0x3C00, 0xC000, 0x7BFF, 0x0001}) + bytesOf({0x3F80, 0xBF00, 0x4049});
        const std::string header = R"({"h":{"dtype":"F16","shape":[4],"data_offsets":[0,8]},)"
                                   R"("b":{"dtype":"BF16","shape":[3],"data_offsets":[8,14]}})";
        const SafeTensorsFile f = SafeTensorsFile::parse(makeFile(header, data), "mem");
        const auto h = f.toFloat(*f.find("h"));
        QCOMPARE(h[0], 1.0f);
        QCOMPARE(h[1], -2.0f);
        QCOMPARE(h[2], 65504.0f);
        QCOMPARE(h[3], std::ldexp(1.0f, -24));
        QCOMPARE(f.toFloat(*f.find("b")), (std::vector<float>{1.0f, -0.5f, 3.140625f}));
    }

    void integerTensorsAreNotFloats()
    {
        std::string data(16, '\0');
        data[8] = 1;
        const SafeTensorsFile f = SafeTensorsFile::parse(
            makeFile(R"({"ids":{"dtype":"I64","shape":[1,2],"data_offsets":[0,16]}})", data), "mem");
        QCOMPARE(f.toInt64(*f.find("ids")), (std::vector<std::int64_t>{0, 1}));
        QVERIFY_THROWS_EXCEPTION(Error, f.toFloat(*f.find("ids")));
    }

    void truncatedAndHostileFilesAreErrors()
    {
        const std::string good = makeFile(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", std::string(8, '\0'));
        SafeTensorsFile::parse(good, "ok");
        expectDataError("", "truncated");
        expectDataError(good.substr(0, 5), "truncated");
        expectDataError(good.substr(0, 20), "truncated");
        expectDataError(good.substr(0, good.size() - 1), "outside");
        std::string huge = good;
        std::memset(huge.data(), 0xFF, 8);
        expectDataError(huge, "implausible");
        expectDataError(makeFile("[1,2]", ""), "not a JSON object");
        expectDataError(makeFile("{\"w\":", ""), "invalid safetensors header JSON");
        expectDataError(makeFile(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", std::string(8, '\0')),
                        "do not hold its shape");
        expectDataError(makeFile(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", std::string(8, '\0')),
                        "negative");
        expectDataError(makeFile(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", std::string(8, '\0')),
                        "outside");
        expectDataError(makeFile(R"({"w":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}})", std::string(8, '\0')),
                        "unsupported dtype");
        expectDataError(makeFile(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],)"
                                 R"("data_offsets":[0,8]}})",
                                 std::string(8, '\0')),
                        "overflows");
        expectDataError(makeFile(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                 R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                                 std::string(8, '\0')),
                        "overlap");
        expectDataError(makeFile(R"({"w":{"dtype":"F32","shape":[2]}})", std::string(8, '\0')), "data_offsets");
        expectDataError(makeFile(R"({"__metadata__":{"k":1}})", ""), "__metadata__");
    }

    void readsFromDisk()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.safetensors").toStdString();
        SafeTensorsWriter w;
        w.add("x", {1}, {42.f});
        w.write(path);
        QCOMPARE(SafeTensorsFile::read(path).toFloat(*SafeTensorsFile::read(path).find("x")), std::vector<float>{42.f});
        QVERIFY_THROWS_EXCEPTION(Error, SafeTensorsFile::read(dir.filePath("absent").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestSafeTensorsFile)
#include "tst_safetensors_file.moc"
