#pragma once

// The options of the three objectives, kept free of libtorch so that the CLI, the UI and the
// training configuration can hold them without paying for torch's headers.

#include <optional>
#include <string>
#include <string_view>

namespace rankpo {

enum class PreferenceLossType {
    Sigmoid, // -log sigmoid(beta * logits), DPO's form; supports label smoothing
    Hinge,   // relu(1 - beta * logits), SLiC's form; label smoothing must stay 0
};

std::string_view toString(PreferenceLossType type);
std::optional<PreferenceLossType> preferenceLossTypeFromString(std::string_view text);

// Stage 2 (RankPO). Field for field the upstream trainer's arguments; the defaults are the paper's
// run (scripts/train/run_rankpo.sh: temperature 0.1, beta 2.0, reference_free True).
struct RankPOLossOptions {
    double tau = 0.1;              // upstream `temperature`: advantages are divided by it
    double beta = 2.0;             // upstream `beta`: scales the logits inside the sigmoid / hinge
    double gamma = 0.0;            // upstream `gamma_beta_ratio`: subtracted from the tau-scaled
                                   // advantage as is (upstream does not multiply it by beta)
    double labelSmoothing = 0.0;   // epsilon of the conservative sigmoid loss, in [0, 0.5)
    PreferenceLossType lossType = PreferenceLossType::Sigmoid;
    bool referenceFree = true;     // no reference model: the advantages are not offset
    double rankpoWeight = 1.0;     // weight of the preference term (0 drops it, as upstream)
    double sftWeight = 0.0;        // weight of the SFT term (cross-entropy over [s_c, s_r] / tau)
    bool weightByConfidence = false; // beyond the paper: weighted mean of the per-pair losses

    // Throws rankpo::Error(Usage) naming the offending field.
    void validate() const;
};

// The SFT baseline: cross-entropy over [s_c, s_r] / tau with the chosen candidate as the target.
// tau 0.1 is the temperature upstream's SFT term uses (the RankPO run's `temperature`).
struct SftLossOptions {
    double tau = 0.1;

    void validate() const;
};

// Stage 1 (contrastive). Defaults are upstream's scripts/train/run_contrastive.sh.
struct ContrastiveLossOptions {
    double tau = 0.02;              // upstream `temperature`
    bool useInBatchNegatives = true; // upstream `use_inbatch_neg`: every passage of the batch is a negative

    void validate() const;
};

} // namespace rankpo
