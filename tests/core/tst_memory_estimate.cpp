#include "core/model/memory_estimate.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace rankpo;

namespace {

ModelConfig tinyLlama(const QTemporaryDir& dir)
{
    const std::string file = dir.path().toStdString() + "/config.json";
    std::ofstream(file) << R"({"model_type": "llama", "vocab_size": 100, "hidden_size": 8, "num_hidden_layers": 2,
        "num_attention_heads": 2, "num_key_value_heads": 1, "intermediate_size": 16, "torch_dtype": "bfloat16"})";
    return ModelConfig::read(file);
}

} // namespace

class TestMemoryEstimate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parametersByHand()
    {
        QTemporaryDir dir;
        const ModelConfig c = tinyLlama(dir);
        // embed 100x8 = 800; per layer q 8x8 + k 8x4 + v 8x4 + o 8x8 + mlp 3x8x16 + 2 norms x 8 = 592; final norm 8.
        QCOMPARE(parameterCount(c), std::int64_t(800 + 2 * 592 + 8));
        QCOMPARE(parameterCount(c, true), std::int64_t(800 + 2 * 592 + 8 + 800));
    }

    void bytesByHand()
    {
        QTemporaryDir dir;
        const ModelConfig c = tinyLlama(dir);
        TrainingMemoryInput in;
        in.maxLengthJob = in.maxLengthCandidate = 4;
        in.batch = 1;
        in.candidatesPerExample = 1;
        in.dtype = "bfloat16";
        const MemoryEstimate e = estimateTrainingMemory(c, in);
        QCOMPARE(e.weights, 1992.0 * 2);
        QCOMPARE(e.gradients, 1992.0 * 2);
        QCOMPARE(e.optimizer, 1992.0 * (8 + 4)); // two fp32 moments and an fp32 master copy
        // Per token and layer: 2 x (6x8 + 2x8 + 2x4 + 4x16) + 4x8x2 + 2x4x2 heads x 4 = 400; 4 tokens, 2 layers,
        // plus the final norm's input (2 x 8 x 4): 3264 per text, two texts.
        QCOMPARE(e.activations, 2 * 3264.0);
        QCOMPARE(e.total(), 3984.0 * 2 + 23904.0 + 6528.0);

        in.gradientCheckpointing = true; // each layer's input (2 x 8 x 4 per layer and text) + one layer recomputed
        QCOMPARE(estimateTrainingMemory(c, in).activations, 2 * 128.0 + 1600.0);
        in.gradientCheckpointing = false;
        in.fusedAttention = true; // no scores: 336 per token and layer
        QCOMPARE(estimateTrainingMemory(c, in).activations, 2 * (2 * 336.0 * 4 + 64.0));
        in.dtype = "float32";
        QCOMPARE(estimateTrainingMemory(c, in).optimizer, 1992.0 * 8);
        in.dtype = "int4";
        QVERIFY_THROWS_EXCEPTION(Error, estimateTrainingMemory(c, in));
    }
};

QTEST_GUILESS_MAIN(TestMemoryEstimate)
#include "tst_memory_estimate.moc"
