// The "Judge with AI…" dialog: masking follows the endpoint (on unless loopback) until the user decides, the
// line under it says where the texts go, settings are remembered except the key, the default prompt is shown
// for editing and an edited one comes back as a template; the run on a worker against the loopback test server
// stores every answer and tells the document while they arrive.
#include "core/judge/judge_prompt_template.h"
#include "core/util/error.h"
#include "db/project_store.h"
#include "ui/document/project_document.h"
#include "ui/pairs/judge_dialog.h"

#include "tests/support/openai_test_server.h"
#include "tests/ui/ui_fixtures.h"

#include <QSignalSpy>

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace rankpo;
using namespace rankpo::ui;

class TestJudgeDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(m_dir); }

    void maskingFollowsTheEndpoint()
    {
        JudgeSettings s;
        s.endpoint = QStringLiteral("http://127.0.0.1:8080/v1");
        JudgeDialog dialog(s);
        auto* endpoint = dialog.findChild<QLineEdit*>(QStringLiteral("endpoint"));
        auto* mask = dialog.findChild<QCheckBox*>(QStringLiteral("mask"));
        auto* where = dialog.findChild<QLabel*>(QStringLiteral("where"));
        QVERIFY(!mask->isChecked());
        QVERIFY(where->text().contains(QStringLiteral("loopback")));
        endpoint->setText(QStringLiteral("https://api.example.com/v1"));
        QVERIFY(mask->isChecked());
        QVERIFY2(where->text().contains(QStringLiteral("leave this machine")), qPrintable(where->text()));
        QVERIFY(where->text().contains(QStringLiteral("masked")));
        endpoint->setText(QStringLiteral("http://judge.example.com/v1"));
        QVERIFY2(where->text().contains(QStringLiteral("http")), qPrintable(where->text())); // the plain-http warning
        // The user's choice sticks whatever the endpoint.
        mask->click();
        QVERIFY(!mask->isChecked());
        endpoint->setText(QStringLiteral("https://other.example.com/v1"));
        QVERIFY(!mask->isChecked());
        QVERIFY(where->text().contains(QStringLiteral("as they are")));
        const JudgeSettings back = dialog.settings();
        QVERIFY(back.maskOverride);
        QVERIFY(!back.mask);
        endpoint->setText(QStringLiteral("not a url"));
        QVERIFY(where->text().contains(QStringLiteral("Not an")));
    }

    void settingsAreRememberedExceptTheKey()
    {
        JudgeSettings s;
        s.endpoint = QStringLiteral("http://127.0.0.1:11434/v1");
        s.model = QStringLiteral("qwen2.5:7b");
        s.keyVariable = QStringLiteral("MY_KEY");
        s.bothOrders = false;
        s.split = QStringLiteral("train");
        s.limit = 25;
        s.concurrency = 8;
        {
            QSettings settings;
            s.save(settings);
            settings.beginGroup(QStringLiteral("judge"));
            for (const QString& key : settings.allKeys())
                QVERIFY2(!key.contains(QStringLiteral("apiKey"), Qt::CaseInsensitive), qPrintable(key));
        }
        QSettings settings;
        const JudgeSettings back = JudgeSettings::load(settings);
        QCOMPARE(back.endpoint, s.endpoint);
        QCOMPARE(back.model, s.model);
        QCOMPARE(back.keyVariable, s.keyVariable);
        QCOMPARE(back.bothOrders, false);
        QCOMPARE(back.split, QStringLiteral("train"));
        QCOMPARE(back.limit, 25);
        QCOMPARE(back.concurrency, 8);
    }

    void theDefaultPromptIsShownAndAnEditedOneComesBack()
    {
        JudgeDialog dialog(JudgeSettings{});
        auto* prompt = dialog.findChild<QPlainTextEdit*>(QStringLiteral("prompt"));
        QCOMPARE(prompt->toPlainText().toStdString(), JudgePromptTemplate::defaultTemplate().canonicalText());
        QVERIFY(dialog.settings().prompt.isEmpty()); // unchanged: the default prompt, the model's own name as rater
        prompt->setPlainText(prompt->toPlainText() + QStringLiteral("\nBe brief."));
        const QString edited = dialog.settings().prompt;
        QVERIFY(!edited.isEmpty());
        QVERIFY(!JudgePromptTemplate::parse(edited.toStdString()).isDefault());
    }

    void optionsFromTheSettings()
    {
        JudgeSettings s;
        s.model = QStringLiteral("m");
        s.keyVariable = QStringLiteral("RANKPO_TEST_UNSET_KEY_VARIABLE");
        s.split = QStringLiteral("test");
        s.limit = 3;
        auto o = judgeOptions(s);
        QVERIFY(!o.apiKey);
        QVERIFY(o.split == Split::Test);
        QCOMPARE(*o.limit, std::int64_t(3));
        QVERIFY(!o.maskPersonalDetails); // by the endpoint
        QVERIFY(!o.prompt);
        s.model.clear();
        QVERIFY_THROWS_EXCEPTION(Error, judgeOptions(s));
        s.model = QStringLiteral("m");
        s.prompt = QStringLiteral("[user]\n{job} only\n");
        QVERIFY_THROWS_EXCEPTION(Error, judgeOptions(s));
    }

    void runOnAWorkerStoresTheAnswers()
    {
        test::OpenAITestServer server({"--delay-ms", "300"});
        const QString path = m_dir.filePath(QStringLiteral("judge.rankpo"));
        {
            test::ProjectBuilder b(path.toStdString());
            const JobId job = b.job("Postdoc in graph neural networks");
            const CandidateId good = b.candidate("<keyword>graph neural networks</keyword>");
            for (int i = 0; i < 4; ++i)
                b.pair(job, good, b.candidate("<keyword>topic " + std::to_string(i) + "</keyword>"));
        }
        ProjectDocument doc(db::ProjectStore::open(path.toStdString()));
        QSignalSpy changed(&doc, &ProjectDocument::dataChanged);
        JudgeSettings s;
        s.endpoint = QString::fromStdString(server.baseUrl());
        s.model = QStringLiteral("test-judge");
        s.keyVariable = QStringLiteral("RANKPO_TEST_UNSET_KEY_VARIABLE");
        s.bothOrders = true;
        s.concurrency = 1; // 8 answers of 0.3 s each: the document hears of them before the end
        QString error;
        const auto summary = runJudge(nullptr, &doc, judgeOptions(s), &error);
        QVERIFY2(summary.has_value(), qPrintable(error));
        QCOMPARE(summary->judged, std::int64_t(8));
        QCOMPARE(summary->failed, std::int64_t(0));
        QVERIFY(changed.count() >= 2); // at least once while running, once at the end
        db::PreferenceFilter filter;
        filter.annotator = "test-judge";
        QCOMPARE(doc.store().preferences(filter).size(), std::size_t(8));

        // The preview: nothing pending now for this judge; with --rejudge, 8 requests and the first one's messages.
        JudgeDialog dialog(s, nullptr, [&doc](const JudgeSettings& settings) {
            return judgePreview(doc.store(), judgeOptions(settings));
        });
        QVERIFY2(dialog.previewText().contains(QStringLiteral("Nothing is pending")), qPrintable(dialog.previewText()));
        auto options = judgeOptions(s);
        options.rejudge = true;
        const QString preview = judgePreview(doc.store(), options);
        QVERIFY2(preview.startsWith(QStringLiteral("8 requests for 4 pairs, as test-judge")), qPrintable(preview));
        QVERIFY(preview.contains(QStringLiteral("[user]")));
        QVERIFY(preview.contains(QStringLiteral("graph neural networks")));
        QVERIFY(preview.contains(QStringLiteral("\"model\":\"test-judge\"")));
        // Bad settings are the preview's text, not an exception.
        auto* model = dialog.findChild<QLineEdit*>(QStringLiteral("model"));
        model->clear();
        QVERIFY(dialog.previewText().startsWith(QStringLiteral("Cannot judge")));
    }
};

QTEST_MAIN(TestJudgeDialog)
#include "tst_judge_dialog.moc"
