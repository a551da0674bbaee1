import ExerciseKit
import Exercises

// The checker behind `swift run workshop verify`: it lists the exercises and checks one at a
// time against your answers. Nothing to edit here.
ExerciseCheck.main(Answers.self)
