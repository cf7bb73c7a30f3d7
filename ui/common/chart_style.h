#pragma once

class QChart;
class QPalette;

namespace rankpo::ui {

// The studio's charts follow the system palette (light or dark), with the legend at the bottom.
// Call after the series and axes are added: it styles the axes too.
void styleChart(QChart* chart, const QPalette& palette);

} // namespace rankpo::ui
