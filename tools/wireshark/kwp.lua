-- KWP/1, the Keikyo wire protocol (docs/PROTOCOL.md), for Wireshark and tshark.
--
-- Frames are found on TCP ports 7101-7104 and, on any port, by the connection's first bytes
-- (the client's preface, or the server's HELLO). Frames split across TCP segments, and several
-- in one segment, are reassembled. Shown: each frame's header (type, flags, stream id,
-- length); HELLO and GOAWAY fields; a REQUEST's method, timeout, metadata keys (the value of
-- `authorization` masked) and message size; a RESPONSE's status code, reason, message,
-- violations and message size. A COMPRESSED payload is one zstd frame, which Wireshark's Lua
-- cannot decompress: it is shown as such, with its size and declared content size.
--
-- Install: copy this file into Wireshark's personal plugins folder (Help > About > Folders),
-- or run `tshark -X lua_script:tools/wireshark/kwp.lua ...`. See tools/wireshark/README.md.

local kwp = Proto("kwp", "Keikyo Wire Protocol (KWP/1)")

local PREFACE = "4b5750310d0a1a0a"
local HEADER = 10
-- The largest frame the dissector believes; a bigger length means this is not KWP/1.
local MAX_FRAME = 64 * 1024 * 1024

local frame_types = {
  [1] = "HELLO", [2] = "REQUEST", [3] = "RESPONSE", [4] = "CANCEL", [5] = "PING", [6] = "PONG", [7] = "GOAWAY",
}
local status_codes = {
  [0] = "OK", [1] = "CANCELLED", [2] = "UNKNOWN", [3] = "INVALID_ARGUMENT", [4] = "DEADLINE_EXCEEDED",
  [5] = "NOT_FOUND", [6] = "ALREADY_EXISTS", [7] = "PERMISSION_DENIED", [8] = "RESOURCE_EXHAUSTED",
  [9] = "FAILED_PRECONDITION", [10] = "ABORTED", [11] = "OUT_OF_RANGE", [12] = "UNIMPLEMENTED",
  [13] = "INTERNAL", [14] = "UNAVAILABLE", [15] = "DATA_LOSS", [16] = "UNAUTHENTICATED",
}
local goaway_codes = {
  [0] = "NO_ERROR", [1] = "PROTOCOL_ERROR", [2] = "FRAME_TOO_LARGE", [3] = "UNSUPPORTED_VERSION",
  [4] = "COMPRESSION_ERROR", [5] = "INTERNAL_ERROR",
}

local f = {
  preface = ProtoField.bytes("kwp.preface", "Preface"),
  length = ProtoField.uint32("kwp.length", "Length"),
  type = ProtoField.uint8("kwp.type", "Type", base.DEC, frame_types),
  flags = ProtoField.uint8("kwp.flags", "Flags", base.HEX),
  compressed = ProtoField.bool("kwp.flags.compressed", "Compressed", 8, nil, 0x01),
  end_stream = ProtoField.bool("kwp.flags.end_stream", "End of stream", 8, nil, 0x02),
  stream = ProtoField.uint32("kwp.stream", "Stream"),
  payload = ProtoField.bytes("kwp.payload", "Payload"),
  zstd = ProtoField.bytes("kwp.zstd", "zstd frame (not decompressed)"),
  zstd_size = ProtoField.uint64("kwp.zstd.content_size", "Declared content size"),
  version = ProtoField.uint32("kwp.hello.version", "Version"),
  compression = ProtoField.string("kwp.hello.compression", "Accepts compression"),
  max_message = ProtoField.uint32("kwp.hello.max_message_bytes", "Largest message"),
  max_streams = ProtoField.uint32("kwp.hello.max_concurrent_streams", "Concurrent streams"),
  agent = ProtoField.string("kwp.hello.agent", "Agent"),
  method = ProtoField.string("kwp.method", "Method"),
  timeout = ProtoField.uint64("kwp.timeout_micros", "Timeout (µs)"),
  metadata = ProtoField.string("kwp.metadata", "Metadata"),
  key = ProtoField.string("kwp.metadata.key", "Key"),
  value = ProtoField.string("kwp.metadata.value", "Value"),
  message_size = ProtoField.uint32("kwp.message_size", "Message size"),
  status = ProtoField.int32("kwp.status", "Status", base.DEC, status_codes),
  reason = ProtoField.string("kwp.reason", "Reason"),
  status_message = ProtoField.string("kwp.status.message", "Status message"),
  violation = ProtoField.string("kwp.violation", "Violation"),
  last_stream = ProtoField.uint32("kwp.goaway.last_stream_id", "Last stream"),
  error_code = ProtoField.uint32("kwp.goaway.error_code", "Error", base.DEC, goaway_codes),
  goaway_message = ProtoField.string("kwp.goaway.message", "Message"),
  ping = ProtoField.bytes("kwp.ping", "Opaque data"),
}
kwp.fields = f

local e_malformed = ProtoExpert.new("kwp.malformed", "Malformed protobuf payload", expert.group.MALFORMED, expert.severity.ERROR)
kwp.experts = { e_malformed }

-- Protobuf, just enough for the envelopes: each field of `range` as {number, wire type,
-- value range (length-delimited and fixed) or number (varint)}; nil when it does not parse.
local function varint(range, offset)
  local value, scale = 0, 1
  for i = 0, 9 do
    if offset + i >= range:len() then return nil end
    local byte = range(offset + i, 1):uint()
    value = value + (byte % 128) * scale
    scale = scale * 128
    if byte < 128 then return value, i + 1 end
  end
  return nil
end

local function fields(range)
  local result, offset = {}, 0
  local length = range and range:len() or 0
  while offset < length do
    local tag, used = varint(range, offset)
    if not tag then return nil end
    offset = offset + used
    local number, wire = math.floor(tag / 8), tag % 8
    local field = { number = number }
    if wire == 0 then
      field.value, used = varint(range, offset)
      if not field.value then return nil end
      offset = offset + used
    elseif wire == 2 then
      local size
      size, used = varint(range, offset)
      if not size or offset + used + size > length then return nil end
      field.range = size > 0 and range(offset + used, size) or nil
      field.size = size
      offset = offset + used + size
    elseif wire == 1 or wire == 5 then
      local size = wire == 1 and 8 or 4
      if offset + size > length then return nil end
      field.range = range(offset, size)
      offset = offset + size
    else
      return nil
    end
    result[#result + 1] = field
  end
  return result
end

local function text(field)
  return field.range and field.range:string(ENC_UTF_8) or ""
end

local function add_metadata(tree, field)
  local entry = fields(field.range)
  if not entry then return false end
  local key, value = "", ""
  for _, part in ipairs(entry) do
    if part.number == 1 then key = text(part) elseif part.number == 2 then value = text(part) end
  end
  if key == "authorization" then
    local scheme = value:match("^(%S+)%s") or ""
    value = (scheme ~= "" and scheme .. " " or "") .. "(masked, " .. #value .. " bytes)"
  end
  local node = tree:add(f.metadata, field.range, key .. ": " .. value)
  node:add(f.key, key)
  node:add(f.value, value)
  return true
end

-- The declared content size of a zstd frame (RFC 8878 3.1.1.1), or nil.
local function zstd_content_size(range)
  if range:len() < 5 or range(0, 4):le_uint() ~= 0xFD2FB528 then return nil end
  local descriptor = range(4, 1):uint()
  local size_flag = math.floor(descriptor / 64)
  local single_segment = math.floor(descriptor / 32) % 2 == 1
  local dictionary_flag = descriptor % 4
  local offset = 5 + (single_segment and 0 or 1) + ({ [0] = 0, 1, 2, 4 })[dictionary_flag]
  local size_bytes = ({ [0] = single_segment and 1 or 0, 2, 4, 8 })[size_flag]
  if size_bytes == 0 or offset + size_bytes > range:len() then return nil end
  local value = range(offset, size_bytes):le_uint64()
  if size_bytes == 2 then value = value + 256 end
  return value
end

local function dissect_payload(kind, payload, tree, pinfo, info)
  if kind == 1 then -- HELLO
    local parsed = fields(payload)
    if not parsed then return false end
    for _, field in ipairs(parsed) do
      if field.number == 1 then tree:add(f.version, field.value)
      elseif field.number == 2 then tree:add(f.compression, field.range, text(field))
      elseif field.number == 3 then tree:add(f.max_message, field.value)
      elseif field.number == 4 then tree:add(f.max_streams, field.value)
      elseif field.number == 5 then
        tree:add(f.agent, field.range, text(field))
        info[#info + 1] = text(field)
      end
    end
  elseif kind == 2 then -- REQUEST
    local parsed = fields(payload)
    if not parsed then return false end
    for _, field in ipairs(parsed) do
      if field.number == 1 then
        tree:add(f.method, field.range, text(field))
        info[#info + 1] = text(field)
      elseif field.number == 2 then tree:add(f.timeout, UInt64(field.value))
      elseif field.number == 3 then if not add_metadata(tree, field) then return false end
      elseif field.number == 4 then tree:add(f.message_size, field.range or payload(0, 0), field.size)
      end
    end
  elseif kind == 3 then -- RESPONSE
    local parsed = fields(payload)
    if not parsed then return false end
    for _, field in ipairs(parsed) do
      if field.number == 1 then
        local status = fields(field.range)
        if not status then return false end
        local code, reason = 0, ""
        for _, part in ipairs(status) do
          if part.number == 1 then code = part.value >= 2 ^ 31 and part.value - 2 ^ 64 or part.value
          elseif part.number == 2 then tree:add(f.status_message, part.range, text(part))
          elseif part.number == 3 then reason = text(part)
          elseif part.number == 4 then
            local violation = fields(part.range) or {}
            local name, description = "", ""
            for _, item in ipairs(violation) do
              if item.number == 1 then name = text(item) elseif item.number == 2 then description = text(item) end
            end
            tree:add(f.violation, part.range, name .. ": " .. description)
          end
        end
        tree:add(f.status, field.range or payload(0, 0), code)
        if reason ~= "" then tree:add(f.reason, reason) end
        info[#info + 1] = (status_codes[code] or tostring(code)) .. (reason ~= "" and " " .. reason or "")
      elseif field.number == 2 then if not add_metadata(tree, field) then return false end
      elseif field.number == 3 then tree:add(f.message_size, field.range or payload(0, 0), field.size)
      end
    end
  elseif kind == 5 or kind == 6 then -- PING, PONG
    tree:add(f.ping, payload)
  elseif kind == 7 then -- GOAWAY
    local parsed = fields(payload)
    if not parsed then return false end
    local code = 0
    for _, field in ipairs(parsed) do
      if field.number == 1 then tree:add(f.last_stream, field.value)
      elseif field.number == 2 then code = field.value
      elseif field.number == 3 then tree:add(f.goaway_message, field.range, text(field))
      end
    end
    tree:add(f.error_code, code)
    info[#info + 1] = goaway_codes[code] or tostring(code)
  end
  return true
end

local function is_preface(tvb, offset)
  return tvb:len() - offset >= 8 and tostring(tvb(offset, 8):bytes()):lower() == PREFACE
end

local function dissect_unit(tvb, pinfo, root)
  pinfo.cols.protocol = "KWP"
  local summary
  local tree = root:add(kwp, tvb())
  if is_preface(tvb, 0) then
    tree:add(f.preface, tvb(0, 8))
    tree:append_text(": preface")
    summary = "PREFACE"
  else
    local length = tvb(0, 4):uint()
    local kind = tvb(4, 1):uint()
    local flags = tvb(5, 1):uint()
    local stream = tvb(6, 4):uint()
    local name = frame_types[kind] or ("type " .. kind)
    tree:add(f.length, tvb(0, 4))
    tree:add(f.type, tvb(4, 1))
    local flag_tree = tree:add(f.flags, tvb(5, 1))
    flag_tree:add(f.compressed, tvb(5, 1))
    flag_tree:add(f.end_stream, tvb(5, 1))
    tree:add(f.stream, tvb(6, 4))
    tree:append_text(", " .. name .. ", stream " .. stream)
    local info = { name, "stream " .. stream }
    if length > 0 then
      local payload = tvb(HEADER, length)
      if flags % 2 == 1 then
        local node = tree:add(f.zstd, payload)
        local size = zstd_content_size(payload)
        if size then node:add(f.zstd_size, size) end
        info[#info + 1] = "(zstd, " .. length .. " bytes)"
      else
        local payload_tree = tree:add(f.payload, payload)
        if not dissect_payload(kind, payload, payload_tree, pinfo, info) then
          payload_tree:add_proto_expert_info(e_malformed)
        end
      end
    end
    summary = table.concat(info, " ")
  end
  if tostring(pinfo.cols.info) == "" then pinfo.cols.info = summary else pinfo.cols.info:append("; " .. summary) end
  return tvb:len()
end

-- Splits the segment's bytes into units (the preface, frames) and asks TCP for the rest of a
-- unit cut off at the end.
function kwp.dissector(tvb, pinfo, tree)
  pinfo.cols.info:clear()
  local offset, total = 0, tvb:len()
  while offset < total do
    local available = total - offset
    local length
    if is_preface(tvb, offset) then
      length = 8
    elseif available < HEADER then
      pinfo.desegment_offset = offset
      pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
      return total
    else
      length = tvb(offset, 4):uint() + HEADER
    end
    if length > available then
      pinfo.desegment_offset = offset
      pinfo.desegment_len = length - available
      return total
    end
    dissect_unit(tvb(offset, length):tvb(), pinfo, tree)
    offset = offset + length
  end
  return total
end

-- A connection is KWP/1 when it opens with the client's preface or the server's HELLO (a
-- frame of type 1 on stream 0 with no flags and a plausible length).
local function heuristic(tvb, pinfo, tree)
  local plausible = is_preface(tvb, 0)
  if not plausible and tvb:len() >= HEADER then
    plausible = tvb(4, 1):uint() == 1 and tvb(5, 1):uint() == 0 and tvb(6, 4):uint() == 0 and tvb(0, 4):uint() < MAX_FRAME
  end
  if not plausible then return false end
  pinfo.conversation = kwp
  kwp.dissector(tvb, pinfo, tree)
  return true
end

kwp:register_heuristic("tcp", heuristic)
DissectorTable.get("tcp.port"):add("7101-7104", kwp)
