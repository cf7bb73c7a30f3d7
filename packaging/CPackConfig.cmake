# `cmake --build build --target package` makes a Debian package (build/rankpo-studio_<version>_<arch>.deb) of
# what `install` installs: rankpo-studio and rankpo in bin/, rankpo-engine in lib/rankpo/, the desktop entry,
# the icon and the .rankpo MIME type. Dependencies (Qt 6, libtorch, SQLite, ...) come from dpkg-shlibdeps.
# Included by the top-level CMakeLists.txt.
set(RANKPO_PACKAGE_MAINTAINER "RankPO Studio developers" CACHE STRING "The Maintainer field of the .deb")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "rankpo-studio")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Preference optimisation for job-talent matching (RankPO): desktop app and CLI")
set(CPACK_PACKAGE_DESCRIPTION "RankPO Studio judges job-candidate pairs with the keyboard, audits an AI judge \
(agreement, position bias, calibration), exports preference data for other trainers, and trains and evaluates \
bi-encoders with RankPO.")
set(CPACK_PACKAGE_CONTACT "${RANKPO_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RANKPO_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded as plugins, so dpkg-shlibdeps cannot see them: the SVG icon engine (the app's icon).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
# The MIME database and the desktop menu are refreshed by the dpkg triggers of shared-mime-info and
# desktop-file-utils: no maintainer scripts needed.
# OpenBLAS makes libtorch ~5x faster than the reference BLAS it otherwise falls back to.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libopenblas0-pthread, shared-mime-info, desktop-file-utils")
include(CPack)
