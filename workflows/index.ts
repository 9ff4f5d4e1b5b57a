// Every workflow the Jan Setu worker runs. The worker's bundle is built from this file.
export { applicationWorkflow } from './application';
export { appealWorkflow } from './appeal';
export { reissueCertificateWorkflow } from './reissue';
export { complaintWorkflow } from './complaint';
export { monthlyGradingWorkflow } from './grading';
export { cpgramsExchangeWorkflow } from './cpgrams-exchange';
