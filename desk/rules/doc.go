// Package rules is the review desk's rules and their single writer: what a
// reviewer's decision (ApplyDecision), an author's appeal (ApplyAppeal),
// users' reports (ApplyReports) and an action on an author (AuthorStore)
// do to a note or a standing, and the consumers that apply the desk's
// events from their topics to the index, each a handler plugged into
// pipeline.Consumer. The desk's HTTP side (package desk) only publishes
// those events (DecisionWriter, AuthorActionWriter).
package rules
