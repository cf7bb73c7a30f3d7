#include "core/losses/rankpo_loss.h"
#include "core/model/encoder_model.h"
#include "core/model/layer_checkpoint.h"
#include "core/model/memory_estimate.h"
#include "core/model/profile_tags.h"
#include "core/model/safetensors_file.h"
#include "core/model/text_encoder.h"
#include "core/text/bpe_tokenizer.h"
#include "core/text/json_file.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace rankpo;
namespace fs = std::filesystem;

namespace {

const fs::path kReference = RANKPO_SOURCE_DIR "/tests/reference";
// Where the save test leaves a saved decoder for tests/reference/check_saved_decoder.py (ctest fixture).
const fs::path kSavedForPython = RANKPO_BINARY_DIR "/tests/saved-decoder";

torch::Tensor tensorOf(const SafeTensorsFile& file, const std::string& name)
{
    const SafeTensorInfo* info = file.find(name);
    if (!info)
        throw std::runtime_error("golden tensor missing: " + name);
    std::vector<float> values = file.toFloat(*info);
    return torch::from_blob(values.data(), info->shape, torch::kFloat32).clone();
}

double maxAbs(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

struct Step {
    torch::Tensor jobStates, candidateStates, q, c, loss;
};

// One RankPO step as tests/reference/make_decoder_models.py takes it: 2 jobs, chosen = candidates 0-1,
// rejected = candidates 2-3, the frozen reference scores from the golden file.
Step rankpoStep(EncoderModel& model, const nlohmann::json& golden)
{
    const auto jobs = golden.at("jobs").get<std::vector<std::string>>();
    const auto candidates = golden.at("candidates").get<std::vector<std::string>>();
    const TokenBatch jb = model.tokenizeBatch(jobs, golden.at("job_length"));
    const TokenBatch cb = model.tokenizeBatch(candidates, golden.at("candidate_length"));
    Step s;
    s.jobStates = model.module()->tokenStates(jb.ids, jb.mask);
    s.candidateStates = model.module()->tokenStates(cb.ids, cb.mask);
    s.q = model.embed(jb);
    s.c = model.embed(cb);
    RankPOLossOptions options;
    options.tau = golden.at("tau");
    options.beta = golden.at("beta");
    options.referenceFree = false;
    const auto ref = golden.at("reference").get<std::vector<std::vector<float>>>();
    const PreferenceScores policy{(s.q * s.c.narrow(0, 0, 2)).sum(-1), (s.q * s.c.narrow(0, 2, 2)).sum(-1)};
    const PreferenceScores reference{torch::tensor({ref[0][0], ref[1][0]}), torch::tensor({ref[0][1], ref[1][1]})};
    s.loss = RankPOLoss(options).forward(policy, reference).loss;
    return s;
}

} // namespace

class TestDecoderModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesTransformers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("llama (GQA, llama3 rope, bf16, untied, model. prefix)") << "tiny-llama";
        QTest::newRow("qwen2 (GQA, q/k/v biases, tied)") << "tiny-qwen2";
        QTest::newRow("qwen3 (q/k norm, head_dim 16, f16; hand-written reference)") << "tiny-qwen3";
        QTest::newRow("mistral (sliding window 6, one key/value head)") << "tiny-mistral";
    }

    void matchesTransformers()
    {
        QFETCH(QString, name);
        const fs::path folder = kReference / name.toStdString();
        const nlohmann::json golden = readJsonFile(kReference / "golden_decoder" / (name.toStdString() + ".json"));
        const SafeTensorsFile tensors = SafeTensorsFile::read(kReference / "golden_decoder" / (name.toStdString() + ".safetensors"));
        auto model = EncoderModel::load(ModelFolder::open(folder), torch::kCPU);
        QVERIFY(model->isDecoder());
        QCOMPARE(model->folder().pooling, PoolingMode::LastToken);
        QCOMPARE(std::int64_t(model->tokenizer().padId()), golden.at("pad_id").get<std::int64_t>());

        // Token ids as transformers' tokenizer gives them, truncated to the lengths used.
        const auto jobs = golden.at("jobs").get<std::vector<std::string>>();
        const auto candidates = golden.at("candidates").get<std::vector<std::string>>();
        for (std::size_t i = 0; i < jobs.size(); ++i)
            QCOMPARE(model->tokenize(jobs[i], golden.at("job_length")), golden.at("job_ids")[i].get<std::vector<TokenId>>());
        for (std::size_t i = 0; i < candidates.size(); ++i)
            QCOMPARE(model->tokenize(candidates[i], golden.at("candidate_length")),
                     golden.at("candidate_ids")[i].get<std::vector<TokenId>>());

        model->module()->train(); // as a training step (no dropout in these configs)
        const Step s = rankpoStep(*model, golden);
        const TokenBatch jb = model->tokenizeBatch(jobs, golden.at("job_length"));
        const TokenBatch cb = model->tokenizeBatch(candidates, golden.at("candidate_length"));
        // Hidden states at real positions (pads are zeroed on both sides), padded batches.
        const double hJobs = maxAbs(s.jobStates * jb.mask.unsqueeze(-1), tensorOf(tensors, "jobs.hidden"));
        const double hCands = maxAbs(s.candidateStates * cb.mask.unsqueeze(-1), tensorOf(tensors, "candidates.hidden"));
        std::vector<float> qFlat, cFlat;
        for (const auto& row : golden.at("job_embeddings"))
            for (float v : row.get<std::vector<float>>())
                qFlat.push_back(v);
        for (const auto& row : golden.at("candidate_embeddings"))
            for (float v : row.get<std::vector<float>>())
                cFlat.push_back(v);
        const double pooledJobs = maxAbs(s.q, torch::tensor(qFlat).view(s.q.sizes()));
        const double pooledCands = maxAbs(s.c, torch::tensor(cFlat).view(s.c.sizes()));
        const double lossDiff = std::abs(s.loss.item<double>() - golden.at("loss").get<double>());
        s.loss.backward();
        double gradDiff = 0;
        std::size_t compared = 0;
        for (const auto& p : model->module()->decoder->named_parameters()) {
            if (p.key() == "lm_head.weight")
                continue; // not on the embedding path (transformers' AutoModel has none)
            torch::Tensor expected = tensorOf(tensors, "grad." + p.key());
            torch::Tensor got = p.value().grad().defined() ? p.value().grad() : torch::zeros_like(p.value());
            if (const SafeTensorInfo* rows = tensors.find("grad_rows." + p.key())) {
                // The embedding's gradient is kept for the rows of the ids used; every other row must be zero.
                std::vector<std::int64_t> r = tensors.toInt64(*rows);
                const torch::Tensor index = torch::tensor(r, torch::kInt64);
                const torch::Tensor others = got.clone().index_fill_(0, index, 0);
                QVERIFY2(others.abs().max().item<double>() == 0, "gradient on an embedding row no id uses");
                got = got.index_select(0, index);
            }
            QVERIFY2(got.sizes() == expected.sizes(), p.key().c_str());
            // Within 1e-5 of the gradient's own scale (its largest entry; 1 when smaller): float32 sums over a
            // few thousand terms in another order differ by that much.
            const double scale = std::max(1.0, expected.abs().max().item<double>());
            const double d = maxAbs(got, expected) / scale;
            QVERIFY2(d < 1e-5, qPrintable(QString("gradient of %1 differs by %2 (relative)").arg(p.key().c_str()).arg(d)));
            gradDiff = std::max(gradDiff, d);
            ++compared;
        }
        qInfo("%s: max |diff| hidden %.2e / %.2e, pooled %.2e / %.2e, loss %.2e, gradients %.2e (relative to each one's largest entry) over %zu parameters",
              qPrintable(name), hJobs, hCands, pooledJobs, pooledCands, lossDiff, gradDiff, compared);
        QVERIFY(hJobs < 1e-5 && hCands < 1e-5);
        QVERIFY(pooledJobs < 1e-5 && pooledCands < 1e-5);
        QVERIFY(lossDiff < 1e-5);
        QVERIFY(compared >= 20);
    }

    void checkpointingGivesTheSameGradients()
    {
        const nlohmann::json golden = readJsonFile(kReference / "golden_decoder" / "tiny-llama.json");
        std::map<std::string, torch::Tensor> plain;
        for (bool checkpoint : {false, true}) {
            EncoderLoadOptions options;
            options.gradientCheckpointing = checkpoint;
            auto model = EncoderModel::load(ModelFolder::open(kReference / "tiny-llama"), torch::kCPU, options);
            model->module()->train();
            const Step s = rankpoStep(*model, golden);
            const std::int64_t before = checkpointRecomputations();
            s.loss.backward();
            // Each of the 2 layers recomputed once per batch that reaches the loss (jobs, candidates) when on.
            QCOMPARE(checkpointRecomputations() - before, std::int64_t(checkpoint ? 2 * 2 : 0));
            for (const auto& p : model->module()->named_parameters()) {
                if (!p.value().grad().defined())
                    continue;
                if (!checkpoint) {
                    plain[p.key()] = p.value().grad().clone();
                } else {
                    QVERIFY2(plain.count(p.key()), p.key().c_str());
                    const double d = maxAbs(p.value().grad(), plain[p.key()]);
                    QVERIFY2(d <= 1e-6, qPrintable(QString("%1: %2").arg(p.key().c_str()).arg(d)));
                }
            }
        }
        QVERIFY(plain.size() >= 20);
    }

    void encodesThroughTextEncoder()
    {
        // The CLI's path (rankpo embed --model <folder>): TextEncoder over the decoder folder.
        const nlohmann::json golden = readJsonFile(kReference / "golden_decoder" / "tiny-qwen2.json");
        TextEncoderOptions options;
        options.device = "cpu";
        options.maxLength = golden.at("candidate_length");
        auto encoder = TextEncoder::open(kReference / "tiny-qwen2", options);
        const auto candidates = golden.at("candidates").get<std::vector<std::string>>();
        const EmbeddingMatrix m = encoder->encode(candidates);
        QCOMPARE(m.dim, std::size_t(32));
        double worst = 0;
        for (std::size_t i = 0; i < m.rows; ++i) {
            const auto expected = golden.at("candidate_embeddings")[i].get<std::vector<float>>();
            for (std::size_t k = 0; k < m.dim; ++k)
                worst = std::max(worst, double(std::abs(m.row(i)[k] - expected[k])));
        }
        QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
        QCOMPARE(encoder->pooling(), PoolingMode::LastToken);
    }

    void saveKeepsLayoutTokensAndDtype()
    {
        const fs::path saved = kSavedForPython;
        fs::remove_all(saved);
        auto model = EncoderModel::load(ModelFolder::open(kReference / "tiny-llama"), torch::kCPU);
        const std::vector<std::string> tags = {"<keyword>", "</keyword>", "<title>", "</title>", "<abstract>",
                                               "</abstract>", "<sep>"};
        const std::int64_t rows = model->module()->decoder->embed_tokens->weight.size(0);
        const torch::Tensor mean = model->module()->decoder->embed_tokens->weight.detach().mean(0);
        const auto ids = model->addSpecialTokens(tags);
        QCOMPARE(ids.front(), TokenId(rows));
        QCOMPARE(model->module()->decoder->embed_tokens->weight.size(0), rows + 7);
        QVERIFY(maxAbs(model->module()->decoder->embed_tokens->weight[rows + 3], mean) < 1e-7);
        const auto tagged = model->tokenize("<keyword>deep learning<sep>graphs</keyword>");
        QCOMPARE(tagged[1], ids[0]);
        model->save(saved);
        for (const char* f : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                              "special_tokens_map.json", "modules.json", "1_Pooling/config.json", "sentence_bert_config.json"})
            QVERIFY2(fs::exists(saved / f), f);
        const SafeTensorsFile weights = SafeTensorsFile::read(saved / "model.safetensors");
        QVERIFY(weights.find("model.embed_tokens.weight"));
        QCOMPARE(weights.find("model.embed_tokens.weight")->dtype, SafeTensorsDtype::BF16); // bf16 stays bf16
        QCOMPARE(weights.find("model.embed_tokens.weight")->shape, (std::vector<std::int64_t>{rows + 7, 32}));
        QVERIFY(weights.find("lm_head.weight")); // the untied head is written back, grown too
        QCOMPARE(weights.find("lm_head.weight")->shape, (std::vector<std::int64_t>{rows + 7, 32}));

        auto reloaded = EncoderModel::load(ModelFolder::open(saved), torch::kCPU);
        QCOMPARE(reloaded->tokenize("<keyword>deep learning<sep>graphs</keyword>"), tagged);
        const std::vector<std::string> texts = {"<keyword>graph neural networks</keyword>", "Assistant Professor",
                                                "<title>A<sep>B</title>"};
        torch::NoGradGuard noGrad;
        const torch::Tensor a = model->embed(model->tokenizeBatch(texts));
        const torch::Tensor b = reloaded->embed(reloaded->tokenizeBatch(texts));
        QVERIFY(maxAbs(a, b) < 1e-2); // the new rows were rounded to bf16 on saving
        // Our vectors for the Python check that transformers and sentence-transformers load the folder and agree.
        nlohmann::json rows_ = nlohmann::json::array();
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const torch::Tensor row = b[std::int64_t(i)].contiguous();
            rows_.push_back({{"text", texts[i]}, {"embedding", std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel())}});
        }
        std::ofstream(saved / "rankpo-embeddings.json") << rows_.dump();
    }

    void profileTagsAreAddedOnce()
    {
        auto model = EncoderModel::load(ModelFolder::open(kReference / "tiny-llama"), torch::kCPU);
        QCOMPARE(parameterCount(model->folder().config, true), model->parameterCount()); // untied lm_head included
        torch::manual_seed(3);
        QCOMPARE(addProfileTags(*model, NewTokenInit::Normal), std::size_t(7));
        QCOMPARE(addProfileTags(*model, NewTokenInit::Normal), std::size_t(0));
        const auto& weight = model->module()->decoder->embed_tokens->weight;
        const double spread = weight.narrow(0, weight.size(0) - 7, 7).std().item<double>();
        QVERIFY2(spread > 0.01 && spread < 0.04, qPrintable(QString::number(spread))); // N(0, initializer_range 0.02)
        const auto ids = model->tokenize("<abstract>x</abstract>");
        QCOMPARE(ids.size(), std::size_t(4)); // <|begin_of_text|> <abstract> x </abstract>
        QCOMPARE(std::size_t(ids[1]), std::size_t(weight.size(0) - 3));
        auto bert = EncoderModel::load(ModelFolder::open(kReference / "tiny-cls-bert"), torch::kCPU);
        QCOMPARE(addProfileTags(*bert, NewTokenInit::Mean), std::size_t(0)); // encoders are left alone
    }

    void ropeScalingByHand()
    {
        // head_dim 4, theta 10000: inverse frequencies 1 and 1/100.
        DecoderConfig c;
        c.headDim = 4;
        c.ropeTheta = 10000;
        auto inv = [&](std::int64_t length) {
            const torch::Tensor t = ropeInverseFrequencies(c, length);
            return std::vector<double>{t[0].item<double>(), t[1].item<double>()};
        };
        auto near = [](const std::vector<double>& got, std::vector<double> want) {
            return std::abs(got[0] - want[0]) < 1e-6 * want[0] && std::abs(got[1] - want[1]) < 1e-6 * want[1];
        };
        QVERIFY(near(inv(8), {1.0, 0.01}));
        c.ropeScaling.type = "linear";
        c.ropeScaling.factor = 2;
        QVERIFY(near(inv(8), {0.5, 0.005}));
        c.ropeScaling.type = "dynamic";
        c.ropeScaling.originalMaxPositions = 16;
        QVERIFY(near(inv(16), {1.0, 0.01}));          // within the original context: unscaled
        QVERIFY(near(inv(32), {1.0, 1.0 / 300.0}));   // base 10000 x (2 x 32 / 16 - 1)^(4 / 2) = 90000
        c.ropeScaling = RopeScaling{"llama3", 8.0, 1.0, 4.0, 16};
        // Wavelengths 2 pi (between 16 / 4 and 16 / 1: smoothed, s = (16 / 2 pi - 1) / 3) and 200 pi (> 16: / 8).
        const double s = (16.0 / (2 * M_PI) - 1.0) / 3.0;
        QVERIFY(near(inv(8), {(1 - s) / 8 + s, 0.01 / 8}));
    }

    void badCheckpointsNameTheTensor()
    {
        QTemporaryDir dir;
        const fs::path folder = fs::path(dir.path().toStdString()) / "m";
        fs::copy(kReference / "tiny-qwen2", folder, fs::copy_options::recursive);
        const SafeTensorsFile in = SafeTensorsFile::read(folder / "model.safetensors");
        SafeTensorsWriter out;
        for (const auto& t : in.tensors())
            if (t.name != "layers.1.self_attn.k_proj.bias")
                out.add(t.name, t.shape, in.toFloat(t));
        out.add("layers.1.extra.weight", {2}, {0.f, 1.f});
        out.write(folder / "model.safetensors");
        try {
            EncoderModel::load(ModelFolder::open(folder), torch::kCPU);
            QFAIL("loaded a checkpoint with a missing tensor");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("missing tensor 'layers.1.self_attn.k_proj.bias'") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestDecoderModel)
#include "tst_decoder_model.moc"
