# Embeds the page's style sheet and script (report.css, report.js beside this file) in
# report_assets.cc as raw string literals, at configure time; CMake configures again when either
# changes. Called from grader/report/CMakeLists.txt with NN_ASSET_DIR and NN_ASSET_OUT set.
foreach(asset css js)
  file(READ ${NN_ASSET_DIR}/report.${asset} NN_ASSET_${asset})
  string(FIND "${NN_ASSET_${asset}}" ")nn_asset\"" NN_ASSET_CLASH)
  if(NOT NN_ASSET_CLASH EQUAL -1)
    message(FATAL_ERROR "report.${asset} holds )nn_asset\", which would end its literal")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${NN_ASSET_DIR}/report.${asset})
endforeach()
file(CONFIGURE OUTPUT ${NN_ASSET_OUT} CONTENT [[// Generated from grader/report/assets/ by embed.cmake: edit those files, not this one.
#include "report/report_assets.h"

namespace nn_grade::report {

const char kReportCss[] = R"nn_asset(
${NN_ASSET_css})nn_asset";

const char kReportScript[] = R"nn_asset(
${NN_ASSET_js})nn_asset";

}  // namespace nn_grade::report
]])
