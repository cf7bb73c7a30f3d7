#include "core/training/adamw_setup.h"
#include "core/training/gradient_clipping.h"
#include "core/training/learning_rate_schedule.h"
#include "core/util/error.h"
#include "tests/support/reference_tensors.h"

#include <QtTest>

using namespace rankpo;

class TestAdamWSetup : public QObject {
    Q_OBJECT

private:
    nlohmann::json m_golden;

private Q_SLOTS:
    void initTestCase()
    {
        try {
            m_golden = test::loadReference("training_reference.py", "training_golden.json").golden.at("adamw");
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    void noDecayNamesFollowHf()
    {
        QVERIFY(!isNoDecayParameter("encoder.layer.0.attention.self.query.weight"));
        QVERIFY(!isNoDecayParameter("embeddings.word_embeddings.weight"));
        QVERIFY(!isNoDecayParameter("pooler.dense.weight"));
        QVERIFY(isNoDecayParameter("encoder.layer.0.attention.self.query.bias"));
        QVERIFY(isNoDecayParameter("encoder.layer.11.output.LayerNorm.weight"));
        QVERIFY(isNoDecayParameter("embeddings.LayerNorm.bias"));
        QVERIFY(isNoDecayParameter("decoder.final_layer_norm.weight"));
        QVERIFY(isNoDecayParameter("model.layers.0.input_RMSNorm.weight"));
    }

    void groupsOnlyTrainableParameters()
    {
        const auto w = torch::zeros({2, 2}, torch::requires_grad());
        const auto b = torch::zeros({2}, torch::requires_grad());
        const auto frozen = torch::zeros({2});
        const auto groups = splitByWeightDecay({{"dense.weight", w}, {"dense.bias", b}, {"frozen.weight", frozen}});
        QCOMPARE(groups.decay.size(), std::size_t(1));
        QCOMPARE(groups.decay[0].first, std::string("dense.weight"));
        QCOMPARE(groups.noDecay.size(), std::size_t(1));
        QCOMPARE(groups.noDecay[0].first, std::string("dense.bias"));

        AdamWSettings s;
        s.weightDecay = 0.01;
        const auto opt = makeAdamW({{"dense.weight", w}, {"dense.bias", b}, {"frozen.weight", frozen}}, s);
        QCOMPARE(opt->param_groups().size(), std::size_t(2));
        const auto& decay = static_cast<const torch::optim::AdamWOptions&>(opt->param_groups()[0].options());
        const auto& noDecay = static_cast<const torch::optim::AdamWOptions&>(opt->param_groups()[1].options());
        QCOMPARE(decay.weight_decay(), 0.01);
        QCOMPARE(noDecay.weight_decay(), 0.0);
        QCOMPARE(decay.lr(), 1e-5);
        QCOMPARE(std::get<1>(decay.betas()), 0.999);
        QCOMPARE(decay.eps(), 1e-8);
        QVERIFY(!decay.amsgrad());

        setLearningRate(*opt, 3e-4);
        QCOMPARE(opt->param_groups()[0].options().get_lr(), 3e-4);
        QCOMPARE(opt->param_groups()[1].options().get_lr(), 3e-4);

        // from a module's named_parameters()
        torch::nn::Linear linear(3, 2);
        QCOMPARE(makeAdamW(toNamedParameters(linear->named_parameters()), s)->param_groups().size(), std::size_t(2));
    }

    void rejectsBadSettings()
    {
        const auto w = torch::zeros({2}, torch::requires_grad());
        AdamWSettings s;
        s.learningRate = 0;
        QVERIFY_THROWS_EXCEPTION(Error, makeAdamW({{"w", w}}, s));
        s = {};
        s.beta2 = 1.0;
        QVERIFY_THROWS_EXCEPTION(Error, makeAdamW({{"w", w}}, s));
        QVERIFY_THROWS_EXCEPTION(Error, makeAdamW({{"w", torch::zeros({2})}}, AdamWSettings{}));
    }

    void clippingExact()
    {
        auto a = torch::zeros({2}, torch::dtype(torch::kFloat64).requires_grad(true));
        auto b = torch::zeros({1, 2}, torch::dtype(torch::kFloat64).requires_grad(true));
        auto unused = torch::zeros({3}, torch::dtype(torch::kFloat64).requires_grad(true));
        (a * torch::tensor({3.0, 0.0}, torch::kFloat64)).sum().add((b * torch::tensor({{0.0, 4.0}}, torch::kFloat64)).sum()).backward();
        QCOMPARE(clipGradientNorm({a, b, unused}, 0.0), 5.0); // measured only
        QCOMPARE(a.grad()[0].item<double>(), 3.0);
        QCOMPARE(clipGradientNorm({a, b, unused}, 1.0), 5.0);
        // torch scales by max_norm / (norm + 1e-6)
        QVERIFY(std::abs(a.grad()[0].item<double>() - 3.0 / (5.0 + 1e-6)) < 1e-15);
        QVERIFY(std::abs(b.grad()[0][1].item<double>() - 4.0 / (5.0 + 1e-6)) < 1e-15);
        QVERIFY(std::abs(clipGradientNorm({a, b}, 10.0) - 1.0) < 1e-6); // below the limit: untouched
        QCOMPARE(clipGradientNorm({unused}, 1.0), 0.0);
        QVERIFY_THROWS_EXCEPTION(Error, clipGradientNorm({a}, -1.0));
    }

    // Four steps of our AdamW (HF's groups, clipping, a cosine learning rate per step) against
    // torch.optim.AdamW in Python on the same tensors: same gradient norms, same final weights.
    void parityWithTorchAdamW()
    {
        const auto& settings = m_golden.at("settings");
        std::vector<NamedParameter> named;
        std::vector<torch::Tensor> params, targets;
        for (const auto& p : m_golden.at("parameters")) {
            const std::string name = p.at("name");
            QCOMPARE(!isNoDecayParameter(name), p.at("decays").get<bool>());
            auto t = test::tensorFromJson(m_golden.at("initial").at(name), torch::kFloat64).requires_grad_(true);
            named.emplace_back(name, t);
            params.push_back(t);
            targets.push_back(test::tensorFromJson(m_golden.at("targets").at(name), torch::kFloat64));
        }
        AdamWSettings s;
        s.learningRate = settings.at("lr");
        s.weightDecay = settings.at("weight_decay");
        s.beta1 = settings.at("beta1");
        s.beta2 = settings.at("beta2");
        s.epsilon = settings.at("eps");
        const auto optimizer = makeAdamW(named, s);
        const auto& rates = m_golden.at("learning_rates");
        const LearningRateSchedule schedule(LrSchedulerType::Cosine, s.learningRate, 0, std::int64_t(rates.size()));
        for (std::size_t step = 0; step < rates.size(); ++step) {
            QCOMPARE(schedule.learningRate(std::int64_t(step)), rates[step].get<double>());
            setLearningRate(*optimizer, schedule.learningRate(std::int64_t(step)));
            optimizer->zero_grad();
            torch::Tensor loss = torch::zeros({}, torch::kFloat64);
            for (std::size_t i = 0; i < params.size(); ++i)
                loss = loss + ((params[i] - targets[i]).pow(2) * double(i + 1)).sum() * double(step + 1);
            loss.backward();
            const double norm = clipGradientNorm(params, settings.at("max_grad_norm"));
            QVERIFY(std::abs(norm - m_golden.at("grad_norms")[step].get<double>()) < 1e-9);
            optimizer->step();
        }
        for (const auto& [name, tensor] : named)
            QVERIFY2(test::maxAbsDifference(tensor, test::tensorFromJson(m_golden.at("final").at(name), torch::kFloat64)) < 1e-12,
                     name.c_str());
    }

    // A tiny bf16 model (weights 1 and biases 2, where a bf16 step is 2^-7 and 2^-6) trained with
    // updates of about lr = 1e-4, far below half a step: with fp32 masters it follows fp32 training
    // (the masters exactly, the weights as those values rounded to bf16); stepping the bf16 weights
    // directly loses every update.
    // Four micro-batches' bf16 gradients summed: in fp32 through the masters, not rounded at each partial sum.
    void microBatchGradientsSumInFp32()
    {
        torch::nn::Linear model(3, 1);
        {
            torch::NoGradGuard noGrad;
            model->weight.fill_(1.0);
            model->bias.fill_(0.0);
        }
        model->to(torch::kBFloat16);
        MasterWeights masters(toNamedParameters(model->named_parameters()));
        // Gradients 1 then three times 2^-9: a bf16 running sum stays 1 (2^-9 is below half a step at 1),
        // an fp32 one reaches 1 + 3 x 2^-9.
        const std::vector<float> scales{1.0f, 1.0f / 512, 1.0f / 512, 1.0f / 512};
        for (float s : scales) {
            const torch::Tensor x = torch::full({1, 3}, s).to(torch::kBFloat16);
            model(x).to(torch::kFloat32).sum().backward();
            masters.accumulateGradients();
            QVERIFY(!model->weight.grad().defined()); // handed over at once
        }
        masters.gradientsToMasters();
        const torch::Tensor& weightMaster = masters.optimized()[0].second;
        const double expected = 1.0 + 3.0 / 512;
        QVERIFY2(std::abs(weightMaster.grad()[0][0].item<double>() - expected) < 1e-7,
                 std::to_string(weightMaster.grad()[0][0].item<double>()).c_str());
        masters.mastersToModel();
        QVERIFY(!weightMaster.grad().defined()); // the next step sums afresh
    }

    void bf16UpdatesBelowItsResolutionAccumulate()
    {
        auto makeModel = [](torch::Dtype dtype) {
            torch::nn::Linear model(4, 2);
            torch::NoGradGuard noGrad;
            model->weight.fill_(1.0);
            model->bias.fill_(2.0);
            model->to(dtype);
            return model;
        };
        AdamWSettings settings;
        settings.learningRate = 1e-4;
        const torch::Tensor x = torch::tensor({{0.5f, -1.0f, 2.0f, 0.25f}, {1.0f, -0.5f, -0.5f, 0.125f}});
        auto train = [&](torch::nn::Linear& model, torch::optim::Optimizer& optimizer, MasterWeights* masters) {
            for (int step = 0; step < 200; ++step) {
                const torch::Tensor loss = model(x.to(model->weight.scalar_type())).to(torch::kFloat32).sum();
                loss.backward();
                if (masters)
                    masters->gradientsToMasters();
                optimizer.step();
                optimizer.zero_grad();
                if (masters)
                    masters->mastersToModel();
            }
        };
        auto fp32 = makeModel(torch::kFloat32);
        auto fp32Optimizer = makeAdamW(toNamedParameters(fp32->named_parameters()), settings);
        train(fp32, *fp32Optimizer, nullptr);

        auto bf16 = makeModel(torch::kBFloat16);
        MasterWeights masters(toNamedParameters(bf16->named_parameters()));
        QCOMPARE(masters.masterCount(), std::size_t(2));
        auto mixedOptimizer = makeAdamW(masters.optimized(), settings);
        train(bf16, *mixedOptimizer, &masters);

        // fp32 training moved the weights by about 200 x 1e-4, a few bf16 steps.
        QVERIFY((fp32->weight - 1.0).abs().min().item<double>() > 0.015);
        for (const auto& [name, master] : masters.optimized()) {
            QVERIFY(master.scalar_type() == torch::kFloat32);
            const torch::Tensor expected = name == "weight" ? fp32->weight : fp32->bias;
            QVERIFY2((master - expected).abs().max().item<double>() < 1e-6, name.c_str());
        }
        QVERIFY(bf16->weight.scalar_type() == torch::kBFloat16);
        QVERIFY(torch::equal(bf16->weight, fp32->weight.to(torch::kBFloat16)));
        QVERIFY(torch::equal(bf16->bias, fp32->bias.to(torch::kBFloat16)));
        QVERIFY(!torch::equal(bf16->weight, torch::ones_like(bf16->weight)));

        // Without masters the same updates vanish in bf16's rounding.
        auto naive = makeModel(torch::kBFloat16);
        auto naiveOptimizer = makeAdamW(toNamedParameters(naive->named_parameters()), settings);
        train(naive, *naiveOptimizer, nullptr);
        QVERIFY(torch::equal(naive->weight, torch::ones_like(naive->weight)));

        // fp32 parameters are stepped as they are: no copies.
        QCOMPARE(MasterWeights(toNamedParameters(fp32->named_parameters())).masterCount(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestAdamWSetup)
#include "tst_adamw_setup.moc"
