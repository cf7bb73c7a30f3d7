// A micro-batch's shared texts encoded once (the trainer's way) against one row per text (the
// PyTorch loop's way): with dropout off, the same RankPO loss and the same parameter gradients.
#include "core/losses/rankpo_loss.h"
#include "core/model/encoder_model.h"
#include "core/model/model_folder.h"
#include "core/training/batch_encoding.h"

#include <QtTest>

#include <torch/torch.h>

using namespace rankpo;
namespace fs = std::filesystem;

namespace {

const fs::path kTinyModel = fs::path(RANKPO_SOURCE_DIR) / "tests/reference/tiny-cls-bert";

struct Step {
    double loss = 0;
    std::vector<torch::Tensor> gradients;
};

// One RankPO step's loss and gradients on the pairs: job i with chosen[i] and rejected[i].
Step rankpoStep(EncoderModel& model, const std::vector<std::string>& jobs, const std::vector<std::string>& chosen,
                const std::vector<std::string>& rejected, TextEncoding encoding)
{
    TokenCache jobTokens(model, 32), candidateTokens(model, 32);
    std::vector<const std::string*> q, c;
    for (const auto& j : jobs)
        q.push_back(&j);
    for (const auto& t : chosen)
        c.push_back(&t);
    for (const auto& t : rejected)
        c.push_back(&t);
    model.module()->zero_grad();
    const torch::Tensor qe = embedTexts(model, jobTokens, q, encoding);
    const torch::Tensor ce = embedTexts(model, candidateTokens, c, encoding);
    const auto n = static_cast<std::int64_t>(jobs.size());
    const PreferenceScores scores{(qe * ce.narrow(0, 0, n)).sum(-1), (qe * ce.narrow(0, n, n)).sum(-1)};
    RankPOLossOptions options;
    options.referenceFree = true;
    const LossOutput out = RankPOLoss(options).forward(scores);
    out.loss.backward();
    Step step;
    step.loss = out.loss.item<double>();
    for (const auto& p : model.module()->parameters())
        step.gradients.push_back(p.grad().defined() ? p.grad().clone() : torch::zeros_like(p));
    return step;
}

} // namespace

class TestBatchEncoding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sharedJobsGiveTheSameLossAndGradients()
    {
        auto model = EncoderModel::load(ModelFolder::open(kTinyModel), torch::kCPU);
        model->module()->eval(); // dropout off: both encodings see the same function
        // Two jobs with four and three pairs (one job of different length, so the padding differs
        // between the two ways of batching), and a candidate met twice.
        const std::vector<std::string> jobs = {"about school university", "about city state national people", "about school university",
                                               "about school university", "about city state national people", "about school university",
                                               "about city state national people"};
        const std::vector<std::string> chosen = {"with university school", "with state city", "with school",
                                                 "with university school", "with national state", "with university",
                                                 "with city"};
        const std::vector<std::string> rejected = {"with film world", "with team people", "with world film american",
                                                   "with people", "with film", "with team american", "with world"};
        const Step once = rankpoStep(*model, jobs, chosen, rejected, TextEncoding::EachDistinctOnce);
        const Step every = rankpoStep(*model, jobs, chosen, rejected, TextEncoding::EveryText);
        QVERIFY(std::isfinite(once.loss) && once.loss > 0);
        QVERIFY2(std::abs(once.loss - every.loss) < 1e-6, qPrintable(QString("%1 vs %2").arg(once.loss).arg(every.loss)));
        QCOMPARE(once.gradients.size(), every.gradients.size());
        double largest = 0, norm = 0;
        for (std::size_t k = 0; k < once.gradients.size(); ++k) {
            largest = std::max(largest, (once.gradients[k] - every.gradients[k]).abs().max().item<double>());
            norm += every.gradients[k].pow(2).sum().item<double>();
        }
        QVERIFY2(norm > 0, "no gradient reached the parameters");
        QVERIFY2(largest < 1e-6, qPrintable(QString("largest gradient difference %1").arg(largest)));
    }
};

QTEST_GUILESS_MAIN(TestBatchEncoding)
#include "tst_batch_encoding.moc"
