// Canvas's "Download Submissions" names every file
//   <sortablename>[_late|_LATE]_<canvasuserid>_<attachmentid>_<original name>
// Both the sortable name ("o_brien2") and the original name ("cw_3_1_layers.cpp") may hold '_'
// and digits, so one name can often be split in more than one way. These functions list the
// splits and choose the one Canvas meant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nn_grade::discover {

struct CanvasFileName {
  std::string sortable_name;
  bool late = false;
  std::string user_id;
  std::string attachment_id;
  std::string original_name;
};

// Every split of `file_name` into a Canvas name, leftmost first; empty when it is not one.
std::vector<CanvasFileName> canvas_name_splits(std::string_view file_name);

// The split Canvas meant: the rightmost whose sortable name is plausible, else the rightmost.
// Canvas squashes "Last, First" into one word per '_' it keeps ("o_brien2sean"), so its names
// neither end with a bare number nor hold two numbers in a row. A split that makes such a name
// took a number of the ids or of the original name ("2_layers.cpp") into it; and when the real
// split is plausible, no other split is. nullopt for names that are not Canvas's.
std::optional<CanvasFileName> parse_canvas_file_name(std::string_view file_name);

// Canvas renames a re-upload "layers-1.cpp", "layers-2.cpp"; browsers "layers (1).cpp".
struct Revision {
  std::string plain_name;  // "layers.cpp"
  int number = 0;          // 0 for the name as it was
};
Revision reupload_revision(std::string_view original_name);

}  // namespace nn_grade::discover
