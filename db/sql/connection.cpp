#include "db/sql/connection.h"

namespace rankpo::db {

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.rollback();
        } catch (...) {
            // Rolling back can only fail if the transaction is already gone; nothing left to undo.
        }
    }
}

void Transaction::commit()
{
    m_db.commit();
    m_done = true;
}

} // namespace rankpo::db
