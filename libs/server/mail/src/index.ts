// Mail: what each kind of mail says (render), writing outbox rows in the caller's transaction (writers), sending them (send), and the queue's names (queue).
export * from './render';
export * from './writers';
export * from './send';
export * from './queue';
