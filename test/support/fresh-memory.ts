// Every test starts with an empty memory of recent tasks (Reuse Results): the node keeps it for the
// whole process, and a test must not depend on what another test remembered, nor on unique inputs.
import { recentTasks } from '../../nodes/PicWish/scheduling';

beforeEach(() => recentTasks.clear());
