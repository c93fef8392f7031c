package deco.core.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deco.core.weave.fixtures.Soundness;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms of issue 8, each run serially and woven, the woven run's tasks held until the caller
 * blocks in a synchronization event ({@link HeldTasks}).
 */
@DisplayName("Weaver: what the weaver proves — a woven method computes the serial result")
class WovenSoundnessTest {

    private final WovenLoader loader = new WovenLoader("deco.core.weave.fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reusedArgument", "reusedArray", "localAlias", "capturedByLambda",
            "fieldTargetReadByHelper", "escapedTarget", "readsItsOwnWrites", "sameArgumentTwice",
            "writtenArgumentReachable", "argumentChangedThroughConditional", "writeThroughConditional",
            "unrecordableWrite", "receiverArrayField", "receiverField", "receiverListReadBetween",
            "otherReceiverField", "receiverWrittenByHelper", "fieldPassedToHelper", "helperTwoDeep",
            "recursiveHelper", "applicationInterface", "parameterWrittenByItsMethod",
            "tryFinally", "tryWithResources", "catchThatWraps", "writeThroughRequireNonNull",
            "parameterWrittenThroughRequireNonNull", "argumentRefilledByLoopHelper", "argumentReturnedByLoopHelper",
            "argumentKeptByLoopHelper", "staticWrittenByLoopHelper", "catchingTryAfterLoop", "finallyAfterLoop",
            "writeThroughLoopGetter", "fieldReadByLoopHelper", "catchingTryAtLoopHead", "ownWriteReadThroughStatic", "ownWriteReadThroughField",
            "recordedWriteReadByLaterCall", "storeReadByLaterCall", "storeReadThroughHelper", "storeReadThroughRecord",
            "storeReadThroughSealed", "sameArrayInAndOut", "sameArrayWalkedAndStored", "sameArrayAsObjects",
            "sameArrayInTwoFields", "listViewOfTheArray", "asListOfTheArray", "listHoldingTheArray",
            "sameListInAndOut", "staticStringReadBetweenCalls", "fieldStringReadBetweenCalls",
            "finalListReadBetweenCalls", "finalFieldOfAReplacedObject", "finalFieldOfAReplacedObjectInALocal",
            "finalFieldOfAReplacedStatic", "finalFieldOfAReplacedStaticInALocal",
            "sameMapInAndOut", "mapReadThroughAView", "mapPutIntoThroughAView", "sameListAddedToAndRead",
            "listReadThroughAViewWhileAdding", "sameListWalkedAndAddedTo", "listWalkedThroughAViewWhileAdding",
            "otherCollectionWalkedWhileAdding", "sameMapValuesWalkedWhilePutting", "mapValuesWalkedThroughAView",
            "otherMapValuesWalked", "sameMapEntriesWalkedWhilePutting", "mapEntriesWalkedThroughAView",
            "otherMapEntriesWalked", "mapEntriesCopiedIntoAList"})
    @DisplayName("serial result, with the tasks held until the caller waits in an event")
    void serialResult(String form) throws Throwable {
        Object expected = normalise(WovenLoader.call(new Soundness(), form));
        assertEquals(expected, normalise(HeldTasks.run(loader.woven(Soundness.class), form)));
    }

    private static Object normalise(Object value) {
        return value instanceof int[] ints ? Arrays.toString(ints) : value;
    }
}
