import type { Decider } from '../shared/decider.js';
import type { MeetingCommand } from './meeting.commands.js';
import type { MeetingEvent } from './meeting.events.js';
import { evolveMeeting, initialMeetingState, type MeetingState } from './meeting.state.js';
import { fileAmendment, withdrawAmendment } from './decisions/filing.js';
import { contestRecommendation, giveRecommendation } from './decisions/recommendation.js';
import { changeDeadline, scheduleMeeting, setMajorityRule } from './decisions/schedule.js';
import { acceptRecommendations, recordVote, setFloor, setVotingOrder, votePlan } from './decisions/voting.js';

export { fileAmendment, withdrawAmendment } from './decisions/filing.js';
export { contestRecommendation, giveRecommendation } from './decisions/recommendation.js';
export { changeDeadline, scheduleMeeting, setMajorityRule } from './decisions/schedule.js';
export { acceptRecommendations, recordVote, setFloor, setVotingOrder, votePlan } from './decisions/voting.js';
export { carries, checkCounts } from './decisions/majority.js';

export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'ScheduleMeeting':
      return scheduleMeeting(command, state);
    case 'ChangeDeadline':
      return changeDeadline(command, state);
    case 'SetMajorityRule':
      return setMajorityRule(command, state);
    case 'FileAmendment':
      return fileAmendment(command, state);
    case 'WithdrawAmendment':
      return withdrawAmendment(command, state);
    case 'GiveRecommendation':
      return giveRecommendation(command, state);
    case 'ContestRecommendation':
      return contestRecommendation(command, state);
    case 'AcceptRecommendations':
      return acceptRecommendations(command, state);
    case 'SetVotingOrder':
      return setVotingOrder(command, state);
    case 'SetFloor':
      return setFloor(command, state);
    case 'RecordVote':
      return recordVote(command, state);
    case 'VotePlan':
      return votePlan(command, state);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
};
