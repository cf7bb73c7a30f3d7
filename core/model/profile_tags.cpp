#include "core/model/profile_tags.h"

#include "core/model/encoder_model.h"
#include "core/text/bpe_tokenizer.h"

namespace rankpo {

const std::vector<std::string>& profileTags()
{
    static const std::vector<std::string> tags = {"<keyword>", "</keyword>", "<title>", "</title>",
                                                  "<abstract>", "</abstract>", "<sep>"};
    return tags;
}

std::size_t addProfileTags(EncoderModel& model, NewTokenInit init)
{
    const auto* bpe = dynamic_cast<const BpeTokenizer*>(&model.tokenizer());
    if (!model.isDecoder() || !bpe)
        return 0;
    std::size_t missing = 0;
    for (const std::string& tag : profileTags()) {
        // A tag counts as present only as an added token: a vocabulary entry alone would still be split off the
        // neighbouring text by the pre-tokenizer rule, not matched whole.
        bool added = false;
        for (const auto& t : bpe->addedTokens())
            added = added || t.content == tag;
        missing += added ? 0 : 1;
    }
    if (missing == 0)
        return 0;
    const std::size_t before = model.tokenizer().idLimit();
    model.addSpecialTokens(profileTags(), init);
    return model.tokenizer().idLimit() - before;
}

} // namespace rankpo
