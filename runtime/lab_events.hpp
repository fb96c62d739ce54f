#pragma once
// What happens in the lab, for whoever watches it (the HTTP live view, docs/xml-api.md §5): phone
// registrations and keys, CSTA requests and events, configuration changes, service log lines.
// Publishers test `wanted()` first, so the text of an event is never built while nobody listens.
// Call-model changes are not repeated here: watchers observe the CallModel directly.
#include <algorithm>
#include <string>
#include <vector>

namespace cmemu::runtime {

enum class LabEventKind { kPhone, kCsta, kConfig, kLog };

struct LabEvent {
  LabEventKind kind = LabEventKind::kLog;
  std::string text;
};

class LabObserver {
 public:
  virtual ~LabObserver() = default;
  /// Called on the router's loop, synchronously; must not publish in turn.
  virtual void on_lab_event(const LabEvent& event) = 0;
};

class LabEvents {
 public:
  void subscribe(LabObserver& observer) { observers_.push_back(&observer); }
  void unsubscribe(LabObserver& observer) { std::erase(observers_, &observer); }
  bool wanted() const { return !observers_.empty(); }
  void publish(LabEventKind kind, std::string text) const {
    if (observers_.empty()) return;
    LabEvent event{kind, std::move(text)};
    for (LabObserver* observer : observers_) observer->on_lab_event(event);
  }

 private:
  std::vector<LabObserver*> observers_;
};

}  // namespace cmemu::runtime
