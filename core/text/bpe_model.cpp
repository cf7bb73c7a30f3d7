#include "core/text/bpe_model.h"

#include "core/text/utf8_codec.h"
#include "core/util/error.h"

#include <cstdio>
#include <queue>

namespace rankpo {
namespace {

// The inverse of byteToChar over the 256 characters it uses; -1 elsewhere.
int charToByte(char32_t c)
{
    static const std::unordered_map<char32_t, int> inverse = [] {
        std::unordered_map<char32_t, int> m;
        for (int b = 0; b < 256; ++b)
            m[BpeModel::byteToChar(static_cast<unsigned char>(b))] = b;
        return m;
    }();
    const auto it = inverse.find(c);
    return it == inverse.end() ? -1 : it->second;
}

// The bytes a byte-level vocabulary entry stands for, or nothing when it holds a character outside the alphabet
// (such an entry, e.g. an added token's spelling, is never produced by merging bytes).
std::optional<std::string> unmapBytes(const std::string& token)
{
    std::string out;
    for (char32_t c : decodeUtf8Lossy(token)) {
        const int b = charToByte(c);
        if (b < 0)
            return std::nullopt;
        out.push_back(char(b));
    }
    return out;
}

std::size_t utf8Length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 1;
}

} // namespace

char32_t BpeModel::byteToChar(unsigned char b)
{
    // Printable Latin-1 bytes stand for themselves; the others are moved to 256 + n in byte order.
    if ((b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE)
        return b;
    int n = 0;
    for (int x = 0; x < b; ++x)
        if (!((x >= 0x21 && x <= 0x7E) || (x >= 0xA1 && x <= 0xAC) || x >= 0xAE))
            ++n;
    return char32_t(256 + n);
}

BpeModel::BpeModel(std::unordered_map<std::string, TokenId> vocab,
                   const std::vector<std::pair<std::string, std::string>>& merges, BpeModelOptions options,
                   const std::string& where)
    : m_vocab(std::move(vocab)), m_options(std::move(options))
{
    for (const auto& [token, id] : m_vocab) {
        if (id < 0)
            throw dataError(where + ": model.vocab['" + token + "'] has a negative id");
        m_maxId = std::max(m_maxId, id);
        if (!m_options.byteLevel) {
            m_raw.emplace(token, id);
        } else if (auto bytes = unmapBytes(token)) {
            m_raw.emplace(std::move(*bytes), id);
        }
    }
    for (int b = 0; b < 256; ++b) {
        const auto it = m_raw.find(std::string(1, char(b)));
        m_byteIds[b] = it == m_raw.end() ? -1 : it->second;
    }
    if (m_options.unkToken) {
        m_unkId = idOf(*m_options.unkToken);
        if (m_unkId < 0)
            throw dataError(where + ": model.unk_token '" + *m_options.unkToken + "' is not in the vocabulary");
    }
    m_merges.reserve(merges.size());
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [a, b] = merges[rank];
        const TokenId ia = idOf(a), ib = idOf(b), merged = idOf(a + b);
        if (ia < 0 || ib < 0 || merged < 0)
            throw dataError(where + ": model.merges[" + std::to_string(rank) + "] '" + a + " " + b +
                            "' uses a token that is not in the vocabulary");
        // tokenizers keeps the first rank of a merge listed twice.
        m_merges.emplace(pairKey(ia, ib), MergeTarget{std::int32_t(rank), merged});
    }
}

TokenId BpeModel::idOf(const std::string& token) const
{
    const auto it = m_vocab.find(token);
    return it == m_vocab.end() ? -1 : it->second;
}

void BpeModel::tokenize(std::string_view piece, std::vector<TokenId>& out) const
{
    if (piece.empty())
        return;
    if (m_options.ignoreMerges) {
        const auto it = m_raw.find(std::string(piece));
        if (it != m_raw.end()) {
            out.push_back(it->second);
            return;
        }
    }
    std::vector<TokenId> symbols;
    symbols.reserve(piece.size());
    TokenId pendingUnk = -1; // a fused unknown token not yet emitted
    auto known = [&](TokenId id) {
        if (pendingUnk >= 0) {
            symbols.push_back(pendingUnk);
            pendingUnk = -1;
        }
        symbols.push_back(id);
    };
    for (std::size_t i = 0; i < piece.size();) {
        const std::size_t len = m_options.byteLevel ? 1 : std::min(utf8Length(static_cast<unsigned char>(piece[i])),
                                                                    piece.size() - i);
        TokenId id = -1;
        if (len == 1) {
            id = m_byteIds[static_cast<unsigned char>(piece[i])];
        } else {
            const auto it = m_raw.find(std::string(piece.substr(i, len)));
            id = it == m_raw.end() ? -1 : it->second;
        }
        if (id >= 0) {
            known(id);
        } else {
            bool fellBack = false;
            if (m_options.byteFallback) {
                std::vector<TokenId> bytes;
                for (std::size_t k = 0; k < len; ++k) {
                    char name[8];
                    std::snprintf(name, sizeof name, "<0x%02X>", static_cast<unsigned char>(piece[i + k]));
                    const TokenId b = idOf(name);
                    if (b < 0)
                        break;
                    bytes.push_back(b);
                }
                if (bytes.size() == len) {
                    // Straight after the symbols, before a pending unknown token, as tokenizers does.
                    symbols.insert(symbols.end(), bytes.begin(), bytes.end());
                    fellBack = true;
                }
            }
            if (!fellBack && m_unkId >= 0) {
                if (pendingUnk >= 0 && !m_options.fuseUnk)
                    symbols.push_back(pendingUnk);
                pendingUnk = m_unkId;
            }
            // Without an unknown token an unknown symbol is dropped, as tokenizers does.
        }
        i += len;
    }
    if (pendingUnk >= 0)
        symbols.push_back(pendingUnk);
    mergeAll(symbols);
    out.insert(out.end(), symbols.begin(), symbols.end());
}

void BpeModel::mergeAll(std::vector<TokenId>& symbols) const
{
    const std::size_t n = symbols.size();
    if (n < 2)
        return;
    std::vector<std::int64_t> prev(n), next(n);
    std::vector<bool> removed(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        prev[i] = std::int64_t(i) - 1;
        next[i] = i + 1 < n ? std::int64_t(i + 1) : -1;
    }
    struct Candidate {
        std::int32_t rank;
        std::size_t pos;
        TokenId id;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
    auto consider = [&](std::size_t pos) {
        if (next[pos] < 0)
            return;
        const auto it = m_merges.find(pairKey(symbols[pos], symbols[std::size_t(next[pos])]));
        if (it != m_merges.end())
            queue.push({it->second.rank, pos, it->second.id});
    };
    for (std::size_t i = 0; i + 1 < n; ++i)
        consider(i);
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        if (removed[top.pos] || next[top.pos] < 0)
            continue;
        const auto right = std::size_t(next[top.pos]);
        const auto it = m_merges.find(pairKey(symbols[top.pos], symbols[right]));
        if (it == m_merges.end() || it->second.id != top.id)
            continue; // an entry made stale by an earlier merge
        symbols[top.pos] = top.id;
        removed[right] = true;
        next[top.pos] = next[right];
        if (next[right] >= 0)
            prev[std::size_t(next[right])] = std::int64_t(top.pos);
        if (prev[top.pos] >= 0)
            consider(std::size_t(prev[top.pos]));
        consider(top.pos);
    }
    std::size_t w = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (!removed[i])
            symbols[w++] = symbols[i];
    symbols.resize(w);
}

} // namespace rankpo
