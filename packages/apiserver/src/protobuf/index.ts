export { decodeProtobufObject, hasProtobufMagic, PROTOBUF_MEDIA_TYPE } from './decode-object.js';
export { ProtobufDecodeError } from './wire-reader.js';
