// The one class of Google's internal "labs" Guava that the rules engine's ADVANCED type check calls
// (DescriptorFunctionResolver.operandIsAssignable, found with javap) and that the Cloud Firestore
// emulator JAR does not contain: without it that check dies with NoClassDefFoundError.
//
// match(a, b, p) is called with the operand's possible kinds and the kind an overload expects. This
// reading is the lenient one: when either side is unknown, the operand is taken as assignable, so the
// check can only accept more, never reject a value whose type it does not know. Checked against
// valid rules (storage.rules, the conformance table, the self-test) that it reports nothing there.
package com.google.common.labs.base;

import java.util.Optional;
import java.util.function.BiPredicate;

public final class Optionals {
  private Optionals() {}

  public static <A, B> boolean match(Optional<A> a, Optional<B> b, BiPredicate<? super A, ? super B> predicate) {
    return a.isEmpty() || b.isEmpty() || predicate.test(a.get(), b.get());
  }
}
