#pragma once

#include "core/domain/preference.h"
#include "ui/shell/studio_page.h"

#include <QPointer>

#include <cstdint>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSplitter;
class QTextBrowser;

namespace rankpo::db {
struct PairDetails;
}

namespace rankpo::ui {

class PairQueueModel;
class PairView;

// Judging pairs with the keyboard, one after another through a pair queue.
//   1 or Left: A better    2 or Right: B better    3 or Down: tie    Space: skip
//   Backspace: previous    + / -: confidence       Delete: remove your judgement
//   Ctrl+Z (the window's undo): undo, back to that pair
// Each pair is shown in a random order (A = the candidate shown first, recorded with the judgement).
// Blind mode hides the AI's choice until you have chosen; the fairness option masks personal details.
// In review mode (the "AI review" page) the AI's choice is always shown and Enter agrees with it;
// 1/2/3 override it.
class AnnotationPage : public StudioPage {
    Q_OBJECT
public:
    enum class Mode { Annotate, ReviewAi };

    explicit AnnotationPage(Mode mode, QWidget* parent = nullptr);
    ~AnnotationPage() override;

    QString title() const override;
    QIcon icon() const override;
    void setDocument(ProjectDocument* document) override;
    void activate() override;

    void setQueue(PairQueueModel* queue);
    PairQueueModel* queue() const { return m_queue; }
    // The seed of the A/B coin (random per run; tests fix it).
    void setSessionSeed(std::uint64_t seed) { m_seed = seed; }

    void showRow(int row);
    // Shows a pair by id: its row when the queue has it (once the queue has loaded), else on its own.
    void showPair(PairId pair);

    int currentRow() const { return m_row; }
    PairId currentPair() const { return m_pairId; }
    CandidateId shownFirst() const { return m_shownFirst; }
    PairView* pairView() const { return m_view; }
    bool aiChoiceVisible() const;

    void choose(Choice choice);
    void agreeWithAi();
    void skip();
    void previous();
    // Removes your judgement of the current pair (undoable).
    void removeMine();

    void setBlindMode(bool on);
    void setMaskPersonalDetails(bool on);
    void setAutoAdvance(bool on);
    void setConfidence(int value);
    void setRationale(const QString& text);

Q_SIGNALS:
    // The page could not record a judgement because nobody is named as annotator yet.
    void annotatorNeeded();

private:
    void buildUi();
    void addShortcuts();
    void refresh();
    void updateAiPanel(const db::PairDetails& pair);
    void updateProgress();
    void record(Choice choice);
    void onPairEdited(qint64 pair, bool undone);
    void onQueueLoaded();

    Mode m_mode;
    QPointer<PairQueueModel> m_queue;
    std::uint64_t m_seed;
    int m_row = -1;
    PairId m_pairId = 0;
    PairId m_pendingPair = 0;
    CandidateId m_shownFirst = 0;
    int m_judgedThisSession = 0;
    bool m_blind = true;
    bool m_mask = false;
    bool m_autoAdvance = true;
    bool m_recording = false;

    PairView* m_view;
    QSplitter* m_splitter;
    QLabel* m_progress;
    QLabel* m_aiSummary;
    QTextBrowser* m_aiRationale;
    QLabel* m_status;
    QSlider* m_confidence;
    QLabel* m_confidenceLabel;
    QLineEdit* m_rationale;
    QCheckBox* m_blindBox;
    QCheckBox* m_maskBox;
    QCheckBox* m_autoAdvanceBox;
    QPushButton* m_agreeButton;
    QPushButton* m_judgeButton = nullptr; // in Annotate mode, on a build with the judge
};

} // namespace rankpo::ui
