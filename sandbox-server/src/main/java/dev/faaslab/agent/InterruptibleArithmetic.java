package dev.faaslab.agent;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * A Java agent that lets a stopped guest out of big-number arithmetic. JavaScript's BigInt and Python's
 * int compute in {@code java.math.BigInteger}: {@code 7n ** 100000000n} spends most of a minute inside
 * one call, where no cancel, safepoint or halt of the guest's language reaches. This agent makes
 * BigInteger's recursive steps (Karatsuba and Toom-Cook multiplication and squaring, Burnikel-Ziegler
 * division, recursive square roots and conversion to text) check, on entry, whether their thread has been
 * interrupted, and throw an ArithmeticException if so. Each step below them takes microseconds, so an
 * interrupted computation ends within milliseconds. The watchdog interrupts a guest's thread only while
 * the guest is being stopped, and clears the flag before the thread serves anything else.
 *
 * <p>The launcher and the tests start the JVM with {@code -javaagent:} pointing at the jar the build makes
 * of this package alone. The two classes are changed once, at start-up (retransformed if already loaded:
 * only method bodies change, no members), and the transformer is then removed.
 */
public final class InterruptibleArithmetic implements ClassFileTransformer {

    private static final Map<String, Set<String>> STEPS = Map.of(
            "java/math/BigInteger", Set.of("multiplyKaratsuba", "multiplyToomCook3", "squareKaratsuba",
                    "squareToomCook3", "pow", "toString", "divideAndRemainderBurnikelZiegler", "divideBurnikelZiegler"),
            "java/math/MutableBigInteger", Set.of("divide2n1n", "divide3n2n", "sqrtRemKaratsuba", "divideMagnitude"));
    private static final ClassDesc THREAD = ClassDesc.of("java.lang.Thread");
    private static final ClassDesc ARITHMETIC_EXCEPTION = ClassDesc.of("java.lang.ArithmeticException");
    static final String MESSAGE = "the computation was stopped (its thread was interrupted)";

    private InterruptibleArithmetic() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        InterruptibleArithmetic transformer = new InterruptibleArithmetic();
        instrumentation.addTransformer(transformer, true);
        try {
            for (String name : STEPS.keySet()) {
                String binaryName = name.replace('/', '.');
                Class<?> loaded = null;
                for (Class<?> candidate : instrumentation.getAllLoadedClasses()) {
                    if (candidate.getName().equals(binaryName)) {
                        loaded = candidate;
                    }
                }
                if (loaded != null) {
                    instrumentation.retransformClasses(loaded);
                } else {
                    Class.forName(binaryName, false, null); // loaded now, through the transformer
                }
            }
        } catch (UnmodifiableClassException | ClassNotFoundException | RuntimeException e) {
            System.err.println("faaslab: could not make big-number arithmetic interruptible: " + e);
        } finally {
            // With no transformer left the JVM stops calling into Java for every class it loads: left in place,
            // that cost a JavaScript cold start (which loads classes) ~0.2 ms, nearly doubling it.
            instrumentation.removeTransformer(transformer);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        try {
            return name == null || !name.startsWith("java/math/") ? null : transform(name, bytes);
        } catch (Throwable e) {
            // This runs while every class loads, at any depth of any stack: a stack overflow there is the
            // loading code's, and must not escape from here (the JVM reports an escaped one as an error).
            return null;
        }
    }

    private static byte[] transform(String name, byte[] bytes) {
        Set<String> steps = STEPS.get(name);
        if (steps == null) {
            return null;
        }
        try {
            ClassFile files = ClassFile.of();
            return files.transformClass(files.parse(bytes), ClassTransform.transformingMethods(
                    method -> steps.contains(method.methodName().stringValue()) && method.code().isPresent(),
                    MethodTransform.transformingCode(new CheckOnEntry())));
        } catch (RuntimeException | LinkageError e) {
            // Left as it was: arithmetic works, only not interruptibly. Said once, at start-up.
            System.err.println("faaslab: could not make " + name + " interruptible: " + e);
            return null;
        }
    }

    /** {@code if (Thread.currentThread().isInterrupted()) throw new ArithmeticException(MESSAGE);} before the body. */
    private static final class CheckOnEntry implements CodeTransform {

        @Override
        public void atStart(CodeBuilder code) {
            Label body = code.newLabel();
            code.invokestatic(THREAD, "currentThread", MethodTypeDesc.of(THREAD))
                    .invokevirtual(THREAD, "isInterrupted", MethodTypeDesc.of(CD_boolean))
                    .ifeq(body)
                    .new_(ARITHMETIC_EXCEPTION)
                    .dup()
                    .ldc(MESSAGE)
                    .invokespecial(ARITHMETIC_EXCEPTION, "<init>", MethodTypeDesc.of(CD_void, CD_String))
                    .athrow()
                    .labelBinding(body);
        }

        @Override
        public void accept(CodeBuilder code, CodeElement element) {
            code.with(element);
        }
    }
}
