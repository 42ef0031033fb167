package com.billrun.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Calls one handler class the way the Lambda Java runtime does: its declared input type is read from the
 * JSON with the runtime's own serialisers (aws-lambda-java-serialization: the events library's types get their
 * mixins, everything else the runtime's Jackson), the output written back the same way.
 */
final class HandlerAdapter {

    private final Class<?> handlerClass;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;

    private HandlerAdapter(Class<?> handlerClass, PojoSerializer<Object> input, PojoSerializer<Object> output) {
        this.handlerClass = handlerClass;
        this.input = input;
        this.output = output;
    }

    static HandlerAdapter of(Class<?> handlerClass) {
        if (RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
            return new HandlerAdapter(handlerClass, null, null);
        }
        if (!RequestHandler.class.isAssignableFrom(handlerClass)) {
            throw new IllegalArgumentException(handlerClass.getName() + " implements neither RequestHandler nor RequestStreamHandler");
        }
        Type[] types = requestHandlerTypes(handlerClass);
        return new HandlerAdapter(handlerClass, serializerFor(rawClass(types[0])), serializerFor(rawClass(types[1])));
    }

    /** One "container": the handler built through the Billrun convention, its {@code Map<String,String>} constructor. */
    Object newInstance(Map<String, String> env) {
        try {
            return handlerClass.getConstructor(Map.class).newInstance(env);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(handlerClass.getName()
                    + " needs a public constructor taking Map<String,String> env (see com.billrun.aws)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("init of " + handlerClass.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + handlerClass.getName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    byte[] invoke(Object handler, byte[] payload, Context context) throws Exception {
        if (handler instanceof RequestStreamHandler streamHandler) {
            var out = new ByteArrayOutputStream();
            streamHandler.handleRequest(new ByteArrayInputStream(payload), out, context);
            return out.toByteArray();
        }
        Object event = input.fromJson(new ByteArrayInputStream(payload));
        Object result = ((RequestHandler<Object, Object>) handler).handleRequest(event, context);
        if (result == null) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        var out = new ByteArrayOutputStream();
        output.toJson(result, out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Class<?> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    private static Class<?> rawClass(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case TypeVariable<?> ignored -> Object.class;
            default -> Object.class;
        };
    }
}
