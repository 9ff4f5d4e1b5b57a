// A first or second appeal on an application (a child of its application workflow). Opened suo
// motu when the service is late or refused, or on the applicant's filing. The appeal officer
// orders delivery, upholds the refusal, or disposes of it, and may impose a penalty on the
// designated officer; undecided within its own limit, the appeal lapses (and the parent escalates).
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { authorize, officerSubject } from '../lib/authorization';
import { penaltyAmountRupees } from '../lib/penalty';
import { endOfDayIst, istDate, workingDaysBetween, type IsoDate } from '../lib/working-days';
import {
  appealDecideBy,
  appealStateQuery,
  decideAppeal,
  serviceDelivered,
  type AppealDecision,
  type AppealDecisionRequest,
  type AppealInput,
  type AppealState,
  MAX_ORDER_DAYS,
  refusal,
} from './application-messages';

const records = proxyActivities<Activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export async function appealWorkflow(input: AppealInput): Promise<AppealDecision> {
  const today = (): IsoDate => istDate(Date.now());
  const decideBy = appealDecideBy(Date.now(), input.decideWithin, input.calendar);
  let deliveredOn = input.deliveredOn;
  const state: AppealState = {
    applicationNumber: input.applicationNumber,
    level: input.level,
    ground: input.ground,
    officerCode: input.officer.code,
    decideBy,
    status: 'open',
    decision: null,
  };

  setHandler(appealStateQuery, () => state);
  setHandler(serviceDelivered, (on) => {
    deliveredOn = on;
  });

  let deciding = false;
  setHandler(
    decideAppeal,
    async (request) => {
      deciding = true;
      const decidedOn = today();
      let penaltyRupees: number | null = null;
      if (request.penalty) {
        const daysOfDelay = workingDaysBetween(
          input.serviceDueDate,
          deliveredOn ?? decidedOn,
          input.calendar,
        );
        const order =
          request.penalty.kind === 'delay'
            ? ({ kind: 'delay', daysOfDelay } as const)
            : ({ kind: 'lump-sum', amountRupees: request.penalty.amountRupees } as const);
        penaltyRupees = penaltyAmountRupees(order, input.penalty);
        await records.recordPenalty({
          applicationNumber: input.applicationNumber,
          appealLevel: input.level,
          officerCode: input.designatedOfficer.code,
          orderedBy: request.officerCode,
          kind: order.kind,
          daysOfDelay: order.kind === 'delay' ? daysOfDelay : null,
          amountRupees: penaltyRupees,
          orderedOn: decidedOn,
          remarks: request.remarks.trim(),
        });
      }
      state.decision = {
        level: input.level,
        outcome: request.outcome,
        withinWorkingDays: request.outcome === 'order-delivery' ? (request.withinWorkingDays ?? null) : null,
        penaltyRupees,
        decidedOn,
        remarks: request.remarks.trim(),
      };
      state.status = 'decided';
      return state;
    },
    {
      validator: (request: AppealDecisionRequest) => {
        // The appeal as lib/authorization.ts sees it: this appeal, decided by its officer.
        const facts = {
          applicantMobile: input.applicantMobile,
          designatedOfficer: input.designatedOfficer.code,
          fieldOfficer: null,
          taskOfficers: [],
          appeals: [{ level: input.level, officer: input.officer.code }],
          level: input.level,
        };
        if (!authorize('application.appeal.decide', officerSubject(request.officerCode), facts).allow) {
          throw refusal(
            `Officer ${request.officerCode} may not decide this ${input.level} appeal: it is assigned to ${input.officer.code}.`,
            `अधिकारी ${request.officerCode} इस अपील का निर्णय नहीं कर सकते: यह ${input.officer.code} को सौंपी गई है।`,
            'not-assigned',
          );
        }
        if (state.status !== 'open' || deciding) {
          throw refusal(
            `This ${input.level} appeal is already ${deciding ? 'being decided' : state.status}.`,
            'इस अपील का निर्णय हो चुका है।',
            'not-now',
          );
        }
        if (typeof request.remarks !== 'string' || request.remarks.trim().length < 3) {
          throw refusal('The order needs remarks.', 'आदेश में टिप्पणी आवश्यक है।', 'invalid');
        }
        if (request.outcome === 'order-delivery') {
          if (deliveredOn) {
            throw refusal(
              'The service has already been delivered; dispose of the appeal instead.',
              'सेवा पहले ही दी जा चुकी है; अपील का निराकरण करें।',
              'already-delivered',
            );
          }
          const days = request.withinWorkingDays;
          if (!Number.isInteger(days) || days! < 1 || days! > MAX_ORDER_DAYS) {
            throw refusal(
              `Give the working days to deliver in, from 1 to ${MAX_ORDER_DAYS}.`,
              `सेवा देने हेतु 1 से ${MAX_ORDER_DAYS} कार्य दिवस दें।`,
              'invalid',
            );
          }
        } else if (request.outcome === 'uphold-rejection') {
          if (input.rejectionReason === null) {
            throw refusal(
              'There is no refusal to uphold: the appeal is about delay.',
              'यथावत रखने हेतु कोई अस्वीकृति नहीं है: अपील विलंब पर है।',
              'invalid',
            );
          }
        } else if (request.outcome !== 'dispose') {
          throw refusal(
            'The outcome must be order-delivery, uphold-rejection or dispose.',
            'निर्णय order-delivery, uphold-rejection या dispose होना चाहिए।',
            'invalid',
          );
        }
        if (request.penalty) {
          if (request.penalty.kind === 'delay') {
            const days = workingDaysBetween(input.serviceDueDate, deliveredOn ?? today(), input.calendar);
            if (days === 0)
              throw refusal(
                'There was no delay past the due date to penalise.',
                'नियत तिथि के बाद कोई विलंब नहीं हुआ।',
                'invalid',
              );
          } else {
            const { lumpSumMinRupees: min, lumpSumMaxRupees: max } = input.penalty;
            const amount = request.penalty.amountRupees;
            if (!Number.isInteger(amount) || amount < min || amount > max) {
              throw refusal(
                `A lump-sum penalty must be ₹${min} to ₹${max}.`,
                `एकमुश्त शास्ति ₹${min} से ₹${max} तक होनी चाहिए।`,
                'invalid',
              );
            }
          }
        }
      },
    },
  );

  const acted = await condition(() => deciding, Math.max(1, endOfDayIst(decideBy) - Date.now() + 1));
  if (acted) {
    await condition(() => state.status === 'decided');
  } else {
    state.status = 'lapsed';
    state.decision = {
      level: input.level,
      outcome: 'lapsed',
      withinWorkingDays: null,
      penaltyRupees: null,
      decidedOn: today(),
      remarks: null,
    };
  }
  await condition(allHandlersFinished);
  return state.decision!;
}
