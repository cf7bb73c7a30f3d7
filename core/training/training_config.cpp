#include "core/training/training_config.h"

#include "core/util/number_format.h"
#include "core/util/error.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

namespace rankpo {

using nlohmann::json;

namespace {

// The parameter dtypes EncoderLoadOptions takes.
std::optional<std::string> parseDtype(std::string_view name)
{
    for (const char* known : {"auto", "float32", "bfloat16", "float16"})
        if (name == known)
            return std::string(name);
    return std::nullopt;
}

const char* typeName(const json& v)
{
    if (v.is_number_integer())
        return "an integer";
    if (v.is_number_float())
        return "a number";
    return v.type_name();
}

// Reads one JSON object field by field, naming each field by its JSON path in errors, and at the
// end rejects the fields nobody asked for (a typo like "learnig_rate" must not be silently ignored).
class ObjectReader {
public:
    ObjectReader(const json& object, std::string path, const std::string& source)
        : m_object(object), m_path(std::move(path)), m_source(source)
    {
        if (!m_object.is_object())
            throw usageError(m_source + ": " + (m_path.empty() ? std::string("the document") : "field '" + m_path + "'")
                             + " must be an object, got " + typeName(m_object));
    }

    void number(const char* key, double& out)
    {
        if (const json* v = find(key)) {
            if (!v->is_number())
                throw fieldError(key, std::string("expected a number, got ") + typeName(*v));
            out = v->get<double>();
        }
    }

    void integer(const char* key, int& out)
    {
        if (const json* v = find(key)) {
            if (!v->is_number_integer())
                throw fieldError(key, std::string("expected an integer, got ") + typeName(*v));
            const auto wide = v->is_number_unsigned() && v->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<int>::max())
                                  ? std::numeric_limits<std::int64_t>::max()
                                  : v->get<std::int64_t>();
            if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
                throw fieldError(key, "integer out of range");
            out = static_cast<int>(wide);
        }
    }

    void unsignedInteger(const char* key, std::uint64_t& out)
    {
        if (const json* v = find(key)) {
            if (!v->is_number_integer() || (!v->is_number_unsigned() && v->get<std::int64_t>() < 0))
                throw fieldError(key, std::string("expected a non-negative integer, got ")
                                          + (v->is_number_integer() ? v->dump() : typeName(*v)));
            out = v->get<std::uint64_t>();
        }
    }

    void boolean(const char* key, bool& out)
    {
        if (const json* v = find(key)) {
            if (!v->is_boolean())
                throw fieldError(key, std::string("expected true or false, got ") + typeName(*v));
            out = v->get<bool>();
        }
    }

    template <typename Enum, typename Parse>
    void choice(const char* key, Enum& out, Parse parse, const char* choices)
    {
        if (const json* v = find(key)) {
            if (!v->is_string())
                throw fieldError(key, std::string("expected one of ") + choices + ", got " + typeName(*v));
            const auto parsed = parse(v->get<std::string>());
            if (!parsed)
                throw fieldError(key, "expected one of " + std::string(choices) + ", got \"" + v->get<std::string>() + "\"");
            out = *parsed;
        }
    }

    // The nested object `key` (an empty one when absent).
    ObjectReader child(const char* key)
    {
        static const json empty = json::object();
        const json* v = find(key);
        return ObjectReader(v ? *v : empty, fieldPath(key), m_source);
    }

    void finish() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it)
            if (!m_known.count(it.key()))
                throw usageError(m_source + ": unknown field '" + fieldPath(it.key()) + "'");
    }

private:
    const json* find(const char* key)
    {
        m_known.insert(key);
        const auto it = m_object.find(key);
        return it == m_object.end() ? nullptr : &*it;
    }
    std::string fieldPath(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    Error fieldError(const char* key, const std::string& what) const
    {
        return usageError(m_source + ": field '" + fieldPath(key) + "': " + what);
    }

    const json& m_object;
    std::string m_path;
    const std::string& m_source;
    std::set<std::string> m_known;
};

// Validation messages name fields by their JSON path, the names a user edits.
class Checker {
public:
    explicit Checker(std::string source) : m_source(std::move(source)) {}

    void positive(const char* field, double v) const
    {
        if (!std::isfinite(v) || v <= 0.0)
            fail(field, "must be > 0, got " + formatNumber(v));
    }
    void nonNegative(const char* field, double v) const
    {
        if (!std::isfinite(v) || v < 0.0)
            fail(field, "must be >= 0, got " + formatNumber(v));
    }
    void atLeast(const char* field, int v, int least) const
    {
        if (v < least)
            fail(field, "must be >= " + std::to_string(least) + ", got " + std::to_string(v));
    }
    void within(const char* field, double v, double lo, double hi, bool hiOpen) const
    {
        if (!std::isfinite(v) || v < lo || (hiOpen ? v >= hi : v > hi))
            fail(field, "must be in [" + formatNumber(lo) + ", " + formatNumber(hi) + (hiOpen ? ")" : "]") + ", got " + formatNumber(v));
    }
    [[noreturn]] void fail(const char* field, const std::string& what) const
    {
        throw usageError(m_source + ": field '" + field + "' " + what);
    }

private:
    std::string m_source;
};

} // namespace

std::string_view toString(TrainingMethod method)
{
    switch (method) {
    case TrainingMethod::Contrastive: return "contrastive";
    case TrainingMethod::RankPO: return "rankpo";
    case TrainingMethod::Sft: return "sft";
    }
    return "rankpo";
}

std::optional<TrainingMethod> trainingMethodFromString(std::string_view text)
{
    for (auto m : {TrainingMethod::Contrastive, TrainingMethod::RankPO, TrainingMethod::Sft})
        if (toString(m) == text)
            return m;
    return std::nullopt;
}

TrainingConfig TrainingConfig::defaults(TrainingMethod method)
{
    TrainingConfig config;
    config.method = method;
    return config;
}

TrainingConfig TrainingConfig::cpuPreset(TrainingMethod method)
{
    TrainingConfig config = defaults(method);
    config.learningRate = 3e-5;
    config.perDeviceTrainBatchSize = 8;
    config.gradientAccumulationSteps = 1;
    config.numTrainEpochs = 1;
    config.maxLengthJob = 128;
    config.maxLengthCandidate = 128;
    config.contrastive.numNegatives = 3;
    return config;
}

void TrainingConfig::validate() const
{
    const Checker check("training config");
    check.positive("learning_rate", learningRate);
    check.atLeast("num_train_epochs", numTrainEpochs, 1);
    check.atLeast("per_device_train_batch_size", perDeviceTrainBatchSize, 1);
    check.atLeast("gradient_accumulation_steps", gradientAccumulationSteps, 1);
    check.within("warmup_ratio", warmupRatio, 0.0, 1.0, false);
    check.atLeast("warmup_steps", warmupSteps, 0);
    check.nonNegative("weight_decay", weightDecay);
    check.within("adam_beta1", adamBeta1, 0.0, 1.0, true);
    check.within("adam_beta2", adamBeta2, 0.0, 1.0, true);
    check.positive("adam_epsilon", adamEpsilon);
    check.nonNegative("max_grad_norm", maxGradNorm);
    if (maxSteps == 0 || maxSteps < -1)
        check.fail("max_steps", "must be -1 (use num_train_epochs) or >= 1, got " + std::to_string(maxSteps));
    check.atLeast("logging_steps", loggingSteps, 1);
    check.atLeast("max_length_job", maxLengthJob, 1);
    check.atLeast("max_length_candidate", maxLengthCandidate, 1);
    if (!parseDtype(torchDtype))
        check.fail("torch_dtype", "must be \"auto\", \"float32\", \"bfloat16\" or \"float16\", got \"" + torchDtype + "\"");
    // Stage 1's in-batch negatives would then be the job's own other positives.
    if (method == TrainingMethod::Contrastive && groupByJob)
        check.fail("group_by_job", "applies to RankPO and SFT, not contrastive training (a job's other positives would "
                                   "become its in-batch negatives)");

    check.positive("contrastive.temperature", contrastive.loss.tau);
    check.atLeast("contrastive.num_negatives", contrastive.numNegatives, 0);
    if (method == TrainingMethod::Contrastive && contrastive.numNegatives == 0
        && (!contrastive.loss.useInBatchNegatives || perDeviceTrainBatchSize < 2))
        check.fail("contrastive.num_negatives", "is 0 and there are no in-batch negatives: nothing to contrast");
    check.atLeast("contrastive.hard_negative_rounds", contrastive.hardNegativeRounds, 0);
    const auto& mining = contrastive.hardNegatives;
    check.atLeast("contrastive.hard_negative_skip_top", mining.skipTop, 0);
    check.atLeast("contrastive.hard_negative_search_depth", mining.searchDepth, 0);
    if (mining.searchDepth > 0 && mining.searchDepth <= mining.skipTop)
        check.fail("contrastive.hard_negative_search_depth",
                   "must be greater than hard_negative_skip_top (" + std::to_string(mining.skipTop) + "), got "
                       + std::to_string(mining.searchDepth));
    check.atLeast("contrastive.hard_negatives_per_job", mining.negativesPerJob, 1);

    check.positive("rankpo.temperature", rankpo.tau);
    check.positive("rankpo.beta", rankpo.beta);
    if (!std::isfinite(rankpo.gamma))
        check.fail("rankpo.gamma_beta_ratio", "must be a finite number");
    check.within("rankpo.label_smoothing", rankpo.labelSmoothing, 0.0, 0.5, true);
    if (rankpo.lossType == PreferenceLossType::Hinge && rankpo.labelSmoothing != 0.0)
        check.fail("rankpo.label_smoothing", "must be 0 with loss_type \"hinge\", got " + formatNumber(rankpo.labelSmoothing));
    check.nonNegative("rankpo.rankpo_weight", rankpo.rankpoWeight);
    check.nonNegative("rankpo.sft_weight", rankpo.sftWeight);
    if (rankpo.rankpoWeight == 0.0 && rankpo.sftWeight == 0.0)
        check.fail("rankpo.rankpo_weight", "and rankpo.sft_weight are both 0: there is nothing to train");

    check.positive("sft.temperature", sft.tau);
}

json TrainingConfig::toJson() const
{
    const auto& mining = contrastive.hardNegatives;
    return json{
        {"method", std::string(toString(method))},
        {"learning_rate", learningRate},
        {"num_train_epochs", numTrainEpochs},
        {"per_device_train_batch_size", perDeviceTrainBatchSize},
        {"gradient_accumulation_steps", gradientAccumulationSteps},
        {"lr_scheduler_type", std::string(toString(lrSchedulerType))},
        {"warmup_ratio", warmupRatio},
        {"warmup_steps", warmupSteps},
        {"weight_decay", weightDecay},
        {"adam_beta1", adamBeta1},
        {"adam_beta2", adamBeta2},
        {"adam_epsilon", adamEpsilon},
        {"max_grad_norm", maxGradNorm},
        {"seed", seed},
        {"max_steps", maxSteps},
        {"logging_steps", loggingSteps},
        {"dataloader_drop_last", dataloaderDropLast},
        {"disable_dropout", disableDropout},
        {"bf16", bf16},
        {"torch_dtype", torchDtype},
        {"gradient_checkpointing", gradientCheckpointing},
        {"max_length_job", maxLengthJob},
        {"max_length_candidate", maxLengthCandidate},
        {"group_by_job", groupByJob},
        {"contrastive",
         {{"temperature", contrastive.loss.tau},
          {"use_inbatch_neg", contrastive.loss.useInBatchNegatives},
          {"num_negatives", contrastive.numNegatives},
          {"hard_negative_rounds", contrastive.hardNegativeRounds},
          {"hard_negative_skip_top", mining.skipTop},
          {"hard_negative_search_depth", mining.searchDepth},
          {"hard_negatives_per_job", mining.negativesPerJob},
          {"hard_negative_allow_fewer", mining.allowFewer},
          {"hard_negative_method", std::string(toString(mining.method))},
          {"stage1_sampler", std::string(toString(contrastive.stage1Sampler))}}},
        {"rankpo",
         {{"temperature", rankpo.tau},
          {"beta", rankpo.beta},
          {"gamma_beta_ratio", rankpo.gamma},
          {"label_smoothing", rankpo.labelSmoothing},
          {"loss_type", std::string(toString(rankpo.lossType))},
          {"reference_free", rankpo.referenceFree},
          {"rankpo_weight", rankpo.rankpoWeight},
          {"sft_weight", rankpo.sftWeight},
          {"weight_by_confidence", rankpo.weightByConfidence}}},
        {"sft", {{"temperature", sft.tau}}},
    };
}

namespace {
TrainingConfig readConfig(TrainingConfig c, const json& document, const std::string& source);
json parseDocument(std::string_view text, const std::string& source);
} // namespace

TrainingConfig TrainingConfig::fromJson(const json& document, const std::string& source)
{
    return readConfig(TrainingConfig(), document, source);
}

TrainingConfig TrainingConfig::fromRecordedJson(const json& document, const std::string& source)
{
    // What a run trained with before these fields were recorded.
    TrainingConfig before;
    before.rankpo.referenceFree = true;
    before.contrastive.stage1Sampler = Stage1SamplerKind::PerPositive;
    return readConfig(before, document, source);
}

TrainingConfig TrainingConfig::parseRecorded(std::string_view text, const std::string& source)
{
    return fromRecordedJson(parseDocument(text, source), source);
}

TrainingConfig TrainingConfig::parse(std::string_view text, const std::string& source)
{
    return fromJson(parseDocument(text, source), source);
}

namespace {

// The fields of `document` over `base` (missing fields keep base's values), validated.
TrainingConfig readConfig(TrainingConfig c, const json& document, const std::string& source)
{
    ObjectReader top(document, "", source);
    top.choice("method", c.method, trainingMethodFromString, "\"contrastive\", \"rankpo\", \"sft\"");
    top.number("learning_rate", c.learningRate);
    top.integer("num_train_epochs", c.numTrainEpochs);
    top.integer("per_device_train_batch_size", c.perDeviceTrainBatchSize);
    top.integer("gradient_accumulation_steps", c.gradientAccumulationSteps);
    top.choice("lr_scheduler_type", c.lrSchedulerType, lrSchedulerTypeFromString,
               "\"cosine\", \"linear\", \"constant\", \"constant_with_warmup\"");
    top.number("warmup_ratio", c.warmupRatio);
    top.integer("warmup_steps", c.warmupSteps);
    top.number("weight_decay", c.weightDecay);
    top.number("adam_beta1", c.adamBeta1);
    top.number("adam_beta2", c.adamBeta2);
    top.number("adam_epsilon", c.adamEpsilon);
    top.number("max_grad_norm", c.maxGradNorm);
    top.unsignedInteger("seed", c.seed);
    top.integer("max_steps", c.maxSteps);
    top.integer("logging_steps", c.loggingSteps);
    top.boolean("dataloader_drop_last", c.dataloaderDropLast);
    top.boolean("disable_dropout", c.disableDropout);
    top.boolean("bf16", c.bf16);
    top.choice("torch_dtype", c.torchDtype, parseDtype, "\"auto\", \"float32\", \"bfloat16\", \"float16\"");
    top.boolean("gradient_checkpointing", c.gradientCheckpointing);
    top.integer("max_length_job", c.maxLengthJob);
    top.integer("max_length_candidate", c.maxLengthCandidate);
    top.boolean("group_by_job", c.groupByJob);
    // The names runs recorded before the CLI's --max-length-job / --max-length-candidate were adopted here.
    top.integer("max_query_length", c.maxLengthJob);
    top.integer("max_passage_length", c.maxLengthCandidate);

    ObjectReader con = top.child("contrastive");
    con.number("temperature", c.contrastive.loss.tau);
    con.boolean("use_inbatch_neg", c.contrastive.loss.useInBatchNegatives);
    con.integer("num_negatives", c.contrastive.numNegatives);
    con.integer("hard_negative_rounds", c.contrastive.hardNegativeRounds);
    con.integer("hard_negative_skip_top", c.contrastive.hardNegatives.skipTop);
    con.integer("hard_negative_search_depth", c.contrastive.hardNegatives.searchDepth);
    con.integer("hard_negatives_per_job", c.contrastive.hardNegatives.negativesPerJob);
    con.boolean("hard_negative_allow_fewer", c.contrastive.hardNegatives.allowFewer);
    con.choice("hard_negative_method", c.contrastive.hardNegatives.method, hardNegativeMethodFromString,
               "\"topk\", \"sample\"");
    con.choice("stage1_sampler", c.contrastive.stage1Sampler, stage1SamplerFromString, "\"per_job\", \"per_positive\"");
    con.finish();

    ObjectReader pref = top.child("rankpo");
    pref.number("temperature", c.rankpo.tau);
    pref.number("beta", c.rankpo.beta);
    pref.number("gamma_beta_ratio", c.rankpo.gamma);
    pref.number("label_smoothing", c.rankpo.labelSmoothing);
    pref.choice("loss_type", c.rankpo.lossType, preferenceLossTypeFromString, "\"sigmoid\", \"hinge\"");
    pref.boolean("reference_free", c.rankpo.referenceFree);
    pref.number("rankpo_weight", c.rankpo.rankpoWeight);
    pref.number("sft_weight", c.rankpo.sftWeight);
    pref.boolean("weight_by_confidence", c.rankpo.weightByConfidence);
    pref.finish();

    ObjectReader sft = top.child("sft");
    sft.number("temperature", c.sft.tau);
    sft.finish();

    top.finish();
    try {
        c.validate();
    } catch (const Error& e) {
        // validate() speaks of "training config"; say which file it was.
        const std::string what = e.what();
        const std::string prefix = "training config";
        throw usageError(what.rfind(prefix, 0) == 0 ? source + what.substr(prefix.size()) : what);
    }
    return c;
}

json parseDocument(std::string_view text, const std::string& source)
{
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        throw usageError(source + ": not valid JSON (byte " + std::to_string(e.byte) + "): " + e.what());
    }
}

} // namespace

} // namespace rankpo
