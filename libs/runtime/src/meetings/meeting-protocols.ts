import { Injectable } from '@nestjs/common';
import { OffThread } from '@app/off-thread';
import { parsedProtocol, type ParsedProtocol } from '@app/plan-document';
import { CHECK_MEETING_PROTOCOL, READ_MEETING_PROTOCOL } from './read-meeting-protocol.js';

/** Reads meeting protocols (YAML or JSON text) off the main thread, for the api and the CLI alike. */
@Injectable()
export class MeetingProtocols {
  constructor(private readonly offThread: OffThread) {}

  /** The protocol with the line of each field; a ProtocolError listing every problem of its shape. */
  async read(text: string): Promise<ParsedProtocol> {
    return parsedProtocol(await this.offThread.run(READ_MEETING_PROTOCOL, text));
  }

  /** A protocol sent as an object (a JSON body), checked the same way; it has no lines. */
  async check(value: unknown): Promise<ParsedProtocol> {
    return parsedProtocol(await this.offThread.run(CHECK_MEETING_PROTOCOL, value));
  }
}
