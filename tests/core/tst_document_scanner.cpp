// The folder scanner: a mixed folder (documents, other types, lock files, hidden files and folders, pools of
// records, subfolders with the same file names, a link back to a folder), with and without recursion.
#include "core/documents/document_scanner.h"
#include "core/util/error.h"
#include "tests/support/test_files.h"

#include <filesystem>
#include <unistd.h>

using namespace rankpo;

namespace {

struct Row {
    std::string id;
    ScanEntryKind kind;
    std::string reason; // a part of it, for unsupported entries
};

void makeFolder(const QTemporaryDir& dir)
{
    namespace fs = std::filesystem;
    const fs::path root = dir.path().toStdString();
    for (const char* sub : {"a/deep", "b", ".git", "empty"})
        fs::create_directories(root / sub);
    for (const char* file : {"cv.pdf", "notes.txt", "readme.md", "page.html", "old.doc", "letter.odt", "photo.JPG",
                             ".hidden.txt", "~$lock.docx", "data.csv", "noext", "a/x.pdf", "b/x.pdf", "a/deep/y.docx",
                             "a/deep/z.HTM", ".git/config", "Report.PDF"})
        test::writeFile(dir, file, "content of " + std::string(file));
    fs::create_directory_symlink(root / "a", root / "link");
}

void check(const std::vector<ScanEntry>& entries, const std::vector<Row>& expected, const std::string& root)
{
    QCOMPARE(entries.size(), expected.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ScanEntry& e = entries[i];
        QCOMPARE(e.externalId, expected[i].id);
        QVERIFY2(e.kind == expected[i].kind, e.externalId.c_str());
        if (e.kind == ScanEntryKind::Unsupported) {
            QVERIFY2(e.reason.find(expected[i].reason) != std::string::npos, (e.externalId + ": " + e.reason).c_str());
            QVERIFY(!e.format);
        } else {
            QVERIFY(e.reason.empty());
        }
        std::string id = e.externalId;
        if (!id.empty() && id.back() == '/')
            id.pop_back();
        QCOMPARE(e.path, root + "/" + id);
    }
}

} // namespace

class TestDocumentScanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsAFolderWithoutRecursion()
    {
        QTemporaryDir dir;
        makeFolder(dir);
        const std::string root = dir.path().toStdString();
        const auto entries = DocumentScanner().scan({root});
        using K = ScanEntryKind;
        check(entries,
              {{".git/", K::Unsupported, "a hidden folder"},
               {".hidden.txt", K::Unsupported, "a hidden file"},
               {"Report.PDF", K::Document, ""},
               {"a/", K::Unsupported, "a subfolder"},
               {"b/", K::Unsupported, "a subfolder"},
               {"cv.pdf", K::Document, ""},
               {"data.csv", K::Unsupported, "give it by name to read it as a pool of records"},
               {"empty/", K::Unsupported, "a subfolder"},
               {"letter.odt", K::Unsupported, "a .odt document: save it as .docx or PDF"},
               {"link/", K::Unsupported, "a subfolder"},
               {"noext", K::Unsupported, "no file extension"},
               {"notes.txt", K::Document, ""},
               {"old.doc", K::Unsupported, "an old Word document (.doc): save it as .docx or PDF"},
               {"page.html", K::Document, ""},
               {"photo.JPG", K::Unsupported, "an image: a scanned document needs OCR first"},
               {"readme.md", K::Document, ""},
               {"~$lock.docx", K::Unsupported, "an Office lock file"}},
              root);
        QCOMPARE(entries[2].format, std::optional<DocumentFormat>(DocumentFormat::Pdf));
        QCOMPARE(entries[11].format, std::optional<DocumentFormat>(DocumentFormat::Text));
        QCOMPARE(entries[5].size, std::uint64_t(std::string("content of cv.pdf").size()));
    }

    void recursionKeepsSameNamesApart()
    {
        QTemporaryDir dir;
        makeFolder(dir);
        const std::string root = dir.path().toStdString();
        const auto entries = DocumentScanner(ScanOptions{true}).scan({root + "/"});
        std::vector<std::string> documents, skipped;
        for (const ScanEntry& e : entries)
            (e.kind == ScanEntryKind::Document ? documents : skipped).push_back(e.externalId);
        QCOMPARE(documents, (std::vector<std::string>{"Report.PDF", "a/deep/y.docx", "a/deep/z.HTM", "a/x.pdf", "b/x.pdf",
                                                      "cv.pdf", "notes.txt", "page.html", "readme.md"}));
        QCOMPARE(skipped, (std::vector<std::string>{".git/", ".hidden.txt", "data.csv", "letter.odt", "link/", "noext",
                                                    "old.doc", "photo.JPG", "~$lock.docx"}));
        for (const ScanEntry& e : entries)
            if (e.externalId == "link/")
                QVERIFY2(e.reason.find("a folder listed already") != std::string::npos, e.reason.c_str());
        // The same scan twice gives the same list.
        const auto again = DocumentScanner(ScanOptions{true}).scan({root + "/"});
        QCOMPARE(again.size(), entries.size());
        for (std::size_t i = 0; i < again.size(); ++i)
            QCOMPARE(again[i].externalId, entries[i].externalId);
    }

    void filesGivenDirectly()
    {
        QTemporaryDir dir;
        makeFolder(dir);
        const std::string root = dir.path().toStdString();
        const auto entries = DocumentScanner().scan({root + "/a/x.pdf", root + "/data.csv", root + "/old.doc",
                                                     root + "/b/x.pdf", root + "/a/x.pdf", root + "/.hidden.txt"});
        QCOMPARE(entries.size(), std::size_t(6));
        QCOMPARE(entries[0].externalId, std::string("x.pdf"));
        QCOMPARE(entries[0].path, root + "/a/x.pdf");
        QVERIFY(entries[0].kind == ScanEntryKind::Document);
        QVERIFY(entries[1].kind == ScanEntryKind::RecordPool);
        QCOMPARE(entries[1].externalId, std::string("data.csv"));
        QVERIFY(entries[2].kind == ScanEntryKind::Unsupported);
        QCOMPARE(entries[2].reason, std::string("an old Word document (.doc): save it as .docx or PDF"));
        QVERIFY(entries[3].kind == ScanEntryKind::Document); // b/x.pdf: another file with the same name
        QVERIFY(entries[4].kind == ScanEntryKind::Unsupported);
        QCOMPARE(entries[4].reason, "the same file as " + root + "/a/x.pdf, listed already");
        QVERIFY(entries[5].kind == ScanEntryKind::Document); // named on purpose: hidden or not, it is read
    }

    void aMissingPathIsAnError()
    {
        try {
            DocumentScanner().scan({"/nonexistent/cvs"});
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Io);
            QCOMPARE(std::string(e.what()), std::string("/nonexistent/cvs: no such file or folder"));
        }
    }

    void anUnreadableFolderIsListedNotFatal()
    {
        if (::geteuid() == 0)
            QSKIP("root reads every folder");
        QTemporaryDir dir;
        makeFolder(dir);
        const std::string locked = dir.path().toStdString() + "/b";
        QVERIFY(QFile::setPermissions(QString::fromStdString(locked), QFileDevice::WriteOwner));
        const auto entries = DocumentScanner(ScanOptions{true}).scan({dir.path().toStdString()});
        QFile::setPermissions(QString::fromStdString(locked), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        bool listed = false;
        for (const ScanEntry& e : entries)
            listed = listed || (e.externalId == "b" && e.reason.find("cannot read this folder") != std::string::npos);
        QVERIFY(listed);
    }
};

QTEST_GUILESS_MAIN(TestDocumentScanner)
#include "tst_document_scanner.moc"
