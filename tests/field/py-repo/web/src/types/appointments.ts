export type AppointmentStatus = 'booked' | 'confirmed' | 'cancelled' | 'no_show' | 'done';
