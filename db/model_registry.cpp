#include "db/model_registry.h"

#include "db/store_access.h"
#include "db/team_rights.h"

#include <ctime>

namespace rankpo::db {
namespace {

ModelRecord readModel(Statement& st)
{
    ModelRecord m;
    m.id = st.int64(0);
    m.name = st.text(1);
    m.kind = st.text(2);
    m.path = st.text(3);
    m.identity = st.text(4);
    m.baseModel = st.text(5);
    m.infoJson = st.text(6);
    m.createdAt = st.int64(7);
    return m;
}

constexpr const char* kColumns = "id, name, kind, coalesce(path, ''), identity, coalesce(base_model, ''), info, created_at";

} // namespace

ModelRegistry::ModelRegistry(ProjectStore& store) : m_store(store), m_db(connectionOf(store)) {}

std::int64_t ModelRegistry::upsert(const ModelRecord& model)
{
    requireTeamRight(m_store, TeamRight::Administer, "registering a model");
    Transaction tx(m_db);
    auto st = m_db.prepare("INSERT INTO models(name, kind, path, identity, base_model, info, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, "
                           "path = excluded.path, identity = excluded.identity, base_model = excluded.base_model, "
                           "info = excluded.info RETURNING id");
    st.bind(1, model.name)
        .bind(2, model.kind)
        .bind(3, model.path)
        .bind(4, model.identity)
        .bind(5, model.baseModel.empty() ? std::optional<std::string>() : model.baseModel)
        .bind(6, model.infoJson.empty() ? std::string("{}") : model.infoJson)
        .bind(7, model.createdAt ? model.createdAt : static_cast<std::int64_t>(std::time(nullptr)));
    std::int64_t id = 0;
    if (st.step())
        id = st.int64(0);
    while (st.step()) {
    }
    st.reset();
    tx.commit();
    return id;
}

std::optional<ModelRecord> ModelRegistry::find(const std::string& name)
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM models WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return readModel(st);
}

std::vector<ModelRecord> ModelRegistry::list()
{
    auto st = m_db.prepare(std::string("SELECT ") + kColumns + " FROM models ORDER BY id");
    std::vector<ModelRecord> out;
    while (st.step())
        out.push_back(readModel(st));
    return out;
}

} // namespace rankpo::db
